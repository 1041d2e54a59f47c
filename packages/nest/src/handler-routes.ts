import { RequestMethod } from '@nestjs/common';
import {
  METHOD_METADATA,
  MODULE_PATH,
  PATH_METADATA,
  VERSION_METADATA,
} from '@nestjs/common/constants.js';
import type { ApplicationConfig, DiscoveryService, ModulesContainer } from '@nestjs/core';
import { MetadataScanner, Reflector } from '@nestjs/core';
import type { RoutePathMetadata } from '@nestjs/core/router/interfaces/route-path-metadata.interface.js';
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
import type { CorsSetting } from './cors.decorator.ts';
import { CORS_METADATA } from './cors.decorator.ts';

/** One path a handler is served at, as Nest registers it. */
export interface HandlerRoute {
  /** `UsersController.remove`, for messages. */
  readonly handler: string;
  /** Global prefix, RouterModule path, URI version, controller and method paths, joined by Nest. */
  readonly path: string;
  /** `GET`, `DELETE`…; undefined for `@All()`. */
  readonly method: string | undefined;
  /** Its `@Cors()` (the handler's, else its controller's); undefined: the global policy. */
  readonly setting: CorsSetting | undefined;
}

/** What Nest knows once the module graph is built and `main.ts` has set prefix and versioning. */
export interface RouteSources {
  readonly discovery: DiscoveryService;
  readonly config: ApplicationConfig;
  readonly modules: ModulesContainer;
}

/**
 * Every handler route of the app, with the path Nest's router will give it: the metadata is read
 * the way Nest's RoutesResolver reads it, and the paths are built by Nest's own RoutePathFactory,
 * so the global prefix and its exclude list, RouterModule paths and URI versions come out exactly
 * as the router registers them.
 */
export function discoverHandlerRoutes({
  discovery,
  config,
  modules,
}: RouteSources): HandlerRoute[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const paths = new RoutePathFactory(config);
  const prefix = config.getGlobalPrefix();
  const versioning = config.getVersioning();
  const routes: HandlerRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype;
    if (typeof controller !== 'function') continue;
    const module = wrapper.host?.metatype;
    const modulePath: string | undefined =
      module === undefined
        ? undefined
        : (reflector.get(MODULE_PATH + modules.applicationId, module) ??
          reflector.get(MODULE_PATH, module));
    const controllerVersion =
      versioning && (reflector.get(VERSION_METADATA, controller) ?? versioning.defaultVersion);
    const shared: RoutePathMetadata = {
      ...(prefix === '' ? {} : { globalPrefix: withLeadingSlash(prefix) }),
      ...(modulePath === undefined ? {} : { modulePath }),
      ...(versioning === undefined ? {} : { versioningOptions: versioning, controllerVersion }),
    };
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = controller.prototype[name] as () => unknown;
      const methodPaths: string | string[] | undefined = reflector.get(PATH_METADATA, handler);
      if (methodPaths === undefined) continue;
      const requestMethod: RequestMethod = reflector.get(METHOD_METADATA, handler);
      const methodVersion = reflector.get(VERSION_METADATA, handler);
      const setting = reflector.getAllAndOverride<CorsSetting | undefined>(CORS_METADATA, [
        handler,
        controller,
      ]);
      const method = requestMethod === RequestMethod.ALL ? undefined : RequestMethod[requestMethod];
      for (const ctrlPath of listOf(reflector.get(PATH_METADATA, controller))) {
        for (const methodPath of listOf(methodPaths)) {
          const metadata: RoutePathMetadata = {
            ...shared,
            ctrlPath,
            methodPath,
            ...(methodVersion === undefined ? {} : { methodVersion }),
          };
          for (const path of paths.create(metadata, requestMethod)) {
            routes.push({ handler: `${controller.name}.${name}`, path, method, setting });
          }
        }
      }
    }
  }
  return routes;
}

function listOf(paths: string | readonly string[] | undefined): string[] {
  if (paths === undefined) return ['/'];
  return (typeof paths === 'string' ? [paths] : [...paths]).map(withLeadingSlash);
}

function withLeadingSlash(path: string): string {
  return path.startsWith('/') || path.startsWith('{/') ? path : `/${path}`;
}
