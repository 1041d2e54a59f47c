import type { CorsInput } from '@corsica/cors-core';
import type { DynamicModule, FactoryProvider, ModuleMetadata, NestModule } from '@nestjs/common';
import { Inject, Logger, Module } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import type { PlatformRequest } from './cors.decorator.ts';
import { handlerRoutes } from './handler-routes.ts';
import { platformLayer } from './platform-layer.ts';
import { compilePolicy } from './route-policies.ts';

const OPTIONS: unique symbol = Symbol('@corsica/cors-nest.options');
const logger = new Logger('CORS');
const isProduction = (): boolean => process.env['NODE_ENV'] === 'production';

/** `CorsModule.forRootAsync()`: the policy built by a factory, e.g. from a `ConfigService`. */
export interface CorsModuleAsyncOptions<T = PlatformRequest> {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: FactoryProvider['inject'];
  /** Corsica options or a policy compiled with `createCors`, from the `inject`ed providers. */
  readonly useFactory: (...deps: never[]) => CorsInput<T> | Promise<CorsInput<T>>;
}

/**
 * App-wide CORS on @nestjs/platform-express and @nestjs/platform-fastify, `@Cors()` included.
 * Origin predicates receive the platform's request: name its type, `forRoot<FastifyRequest>(…)`,
 * to read more of it than `PlatformRequest`.
 *
 * @example
 * \@Module({ imports: [CorsModule.forRoot({ origins: ['https://app.example.com'] })] })
 * export class AppModule {}
 */
@Module({})
export class CorsModule implements NestModule {
  /** App-wide CORS with Corsica options, or a policy compiled with `createCors`. */
  static forRoot<T = PlatformRequest>(options: CorsInput<T>): DynamicModule {
    return CorsModule.forRootAsync({ useFactory: () => options });
  }

  /** App-wide CORS with options built by a factory, e.g. from a `ConfigService`. */
  static forRootAsync<T = PlatformRequest>(options: CorsModuleAsyncOptions<T>): DynamicModule {
    const { imports = [], inject = [], useFactory } = options;
    const provider = { provide: OPTIONS, useFactory, inject } as FactoryProvider;
    return { module: CorsModule, imports, providers: [provider] };
  }

  #configure: (() => Promise<void>) | undefined;

  constructor(
    @Inject(OPTIONS) options: CorsInput<unknown>,
    @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost,
    @Inject(ApplicationConfig) config: ApplicationConfig,
    @Inject(ModulesContainer) modules: ModulesContainer,
  ) {
    // A ReplaySubject: runs once the adapter is set (NestFactory.create, or a testing module's
    // createNestApplication()), and with none in an application context: nothing to answer there.
    adapterHost.init$.subscribe(() => {
      if (!adapterHost.httpAdapter) return;
      const install = platformLayer(adapterHost.httpAdapter);
      this.#configure = async () => {
        const policy = compilePolicy(options, handlerRoutes(config, modules));
        await install(policy);
        // After the platform adapter, which set its own: Nest apps log through Nest's Logger.
        policy.useLog({ write: (line) => logger.warn(line), production: isProduction() });
      };
    });
  }

  /**
   * `app.init()` runs it once the graph is built and `main.ts` has set prefix and versioning, but
   * before routes are registered: the whole policy is compiled once and put in force.
   */
  async configure(): Promise<void> {
    if (!this.#configure) throw new Error('CorsModule needs an HTTP app (NestFactory.create).');
    await this.#configure();
  }
}
