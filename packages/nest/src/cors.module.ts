import type { CorsInput } from '@corsica/cors-core';
import type { DynamicModule, FactoryProvider, NestModule, Provider } from '@nestjs/common';
import { Inject, Module } from '@nestjs/common';
import {
  ApplicationConfig,
  DiscoveryModule,
  DiscoveryService,
  HttpAdapterHost,
  ModulesContainer,
} from '@nestjs/core';
import type { RouteSources } from './handler-routes.ts';
import { discoverHandlerRoutes } from './handler-routes.ts';
import type { CorsModuleAsyncOptions } from './module-options.ts';
import { CORS_MODULE_OPTIONS } from './module-options.ts';
import type { PlatformLayer } from './platform-layer.ts';
import { platformLayer } from './platform-layer.ts';
import { compilePolicy } from './route-policies.ts';

/**
 * Applies a Corsica policy to the whole app, on @nestjs/platform-express and
 * @nestjs/platform-fastify alike, with the `@Cors()` of controllers and handlers compiled into
 * per-path policies.
 *
 * Timing. The CORS layer must be in place before Nest registers routes, yet `@Cors()` can only be
 * read once the module graph is built and `main.ts` has set the global prefix and versioning. So:
 * - when the HTTP adapter exists (`HttpAdapterHost.init$`), the layer is prepared: on express, a
 *   middleware is added first, before Nest's body parsers, holding no policy yet;
 * - `configure()`, which Nest runs in `app.init()` after the graph is complete and before any
 *   route is registered, discovers the decorated handlers, compiles the whole policy once, and
 *   installs it (on fastify, by registering the plugin, awaited, before routes are declared).
 * Nothing is compiled per request, and no request is served before `app.init()`.
 *
 * @example
 * \@Module({ imports: [CorsModule.forRoot({ origins: ['https://app.example.com'] })] })
 * export class AppModule {}
 */
@Module({})
export class CorsModule implements NestModule {
  /** App-wide CORS with Corsica options, or a policy compiled with `createCors`. */
  static forRoot(options: CorsInput): DynamicModule {
    return withOptions([], { provide: CORS_MODULE_OPTIONS, useValue: options });
  }

  /** App-wide CORS with options built by a factory, e.g. from a `ConfigService`. */
  static forRootAsync(options: CorsModuleAsyncOptions): DynamicModule {
    return withOptions(options.imports ?? [], {
      provide: CORS_MODULE_OPTIONS,
      useFactory: options.useFactory as FactoryProvider<CorsInput>['useFactory'],
      inject: options.inject ?? [],
    });
  }

  readonly #options: CorsInput;
  readonly #routes: RouteSources;
  #layer: PlatformLayer | undefined;

  constructor(
    @Inject(CORS_MODULE_OPTIONS) options: CorsInput,
    @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost,
    @Inject(DiscoveryService) discovery: DiscoveryService,
    @Inject(ApplicationConfig) config: ApplicationConfig,
    @Inject(ModulesContainer) modules: ModulesContainer,
  ) {
    this.#options = options;
    this.#routes = { discovery, config, modules };
    // A ReplaySubject: runs now if the adapter is already set (NestFactory.create), or when it is
    // (Test.createTestingModule(...).createNestApplication()).
    adapterHost.init$.subscribe(() => {
      this.#layer = platformLayer(adapterHost.httpAdapter);
    });
  }

  /** Runs in `app.init()`, once the graph is complete and before routes are registered. */
  async configure(): Promise<void> {
    if (this.#layer === undefined) {
      throw new Error('CorsModule needs an HTTP application (NestFactory.create).');
    }
    await this.#layer.install(compilePolicy(this.#options, discoverHandlerRoutes(this.#routes)));
  }
}

function withOptions(imports: DynamicModule['imports'], options: Provider): DynamicModule {
  return {
    module: CorsModule,
    imports: [DiscoveryModule, ...(imports ?? [])],
    providers: [options],
  };
}
