import { RequestMethod } from '@nestjs/common';
// Nest's internals, imported here only. No public API says where a handler is served: the router
// reads the route decorators' metadata under these keys and joins prefix (less its `exclude`s),
// RouterModule path, URI version, controller and method paths with RoutePathFactory, whose rules
// differ between Nest 11 and 12. Nest's own factory keeps `@Cors()` on exactly the paths the
// router registers; a copy would drift. Both files are at these paths in Nest 11 (CommonJS, no
// `exports`) and 12 (`./*.js` exported): test/nest-internals.test.ts checks them on both.
import * as keys from '@nestjs/common/constants.js';
import type { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import { MetadataScanner, Reflector } from '@nestjs/core';
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
import type { CorsSetting } from './cors.decorator.ts';
import { CORS_METADATA } from './cors.decorator.ts';

/** A path a handler serves; `method` undefined for `@All()`, `setting` for no `@Cors()`. */
export interface HandlerRoute {
  readonly handler: string;
  readonly path: string;
  readonly method: string | undefined;
  readonly setting: Setting;
}
type Setting = CorsSetting<unknown> | undefined;

/** Every handler route of the app, read and joined as Nest's RoutesResolver does it. */
export function handlerRoutes(
  config: ApplicationConfig,
  modules: ModulesContainer,
): HandlerRoute[] {
  const reflector = new Reflector();
  const factory = new RoutePathFactory(config);
  const prefix = config.getGlobalPrefix();
  const versioningOptions = config.getVersioning();
  const routes: HandlerRoute[] = [];
  for (const { metatype: module, controllers } of modules.values()) {
    const modulePath: string | undefined =
      reflector.get(keys.MODULE_PATH + modules.applicationId, module) ??
      reflector.get(keys.MODULE_PATH, module);
    for (const { metatype: controller } of controllers.values()) {
      if (typeof controller !== 'function') continue;
      const controllerVersion = reflector.get(keys.VERSION_METADATA, controller);
      const shared = {
        ...(prefix && { globalPrefix: listOf(prefix)[0] }),
        ...(modulePath && { modulePath }),
        ...(versioningOptions && {
          versioningOptions,
          controllerVersion: controllerVersion ?? versioningOptions.defaultVersion,
        }),
      };
      for (const name of new MetadataScanner().getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as () => unknown;
        const methodPaths = reflector.get<string | string[]>(keys.PATH_METADATA, handler);
        if (methodPaths === undefined) continue;
        const requestMethod: RequestMethod = reflector.get(keys.METHOD_METADATA, handler);
        const methodVersion = reflector.get(keys.VERSION_METADATA, handler);
        const route = {
          handler: `${controller.name}.${name}`,
          method: requestMethod === RequestMethod.ALL ? undefined : RequestMethod[requestMethod],
          setting: reflector.getAllAndOverride<Setting>(CORS_METADATA, [handler, controller]),
        };
        for (const ctrlPath of listOf(reflector.get(keys.PATH_METADATA, controller))) {
          for (const methodPath of listOf(methodPaths)) {
            const metadata = {
              ...shared,
              ctrlPath,
              methodPath,
              ...(methodVersion && { methodVersion }),
            };
            for (const path of factory.create(metadata, requestMethod))
              routes.push({ ...route, path });
          }
        }
      }
    }
  }
  return routes;
}

/** Path metadata, each path with a leading `/` (or `{/`), as Nest's RoutesResolver writes them. */
function listOf(paths: string | readonly string[] | undefined): string[] {
  return [paths ?? '/'].flat().map((path) => (/^\{?\//.test(path) ? path : `/${path}`));
}
