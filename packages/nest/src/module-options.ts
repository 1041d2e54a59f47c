import type { CorsInput } from '@corsica/cors-core';
import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';

/** The injection token of the options given to `CorsModule.forRoot`/`forRootAsync`. */
export const CORS_MODULE_OPTIONS: unique symbol = Symbol('@corsica/cors-nest.options');

/** `CorsModule.forRootAsync()`: the policy built by a factory, e.g. from a `ConfigService`. */
export interface CorsModuleAsyncOptions {
  /** Modules exporting the providers the factory needs (e.g. `ConfigModule`). */
  readonly imports?: ModuleMetadata['imports'];
  /** The providers handed to the factory, in order. */
  readonly inject?: FactoryProvider['inject'];
  /** Returns Corsica options or a policy compiled with `createCors`; may be async. */
  readonly useFactory: (...dependencies: never[]) => CorsInput | Promise<CorsInput>;
}
