export type { AsyncCorsOptions, CorsInput, CorsOptions } from '@corsica/cors-core';
export { CorsConfigError, createCors } from '@corsica/cors-core';
export type { CorsRouteOptions, CorsSetting } from './cors.decorator.ts';
export { Cors } from './cors.decorator.ts';
export { CorsModule } from './cors.module.ts';
export type { CorsModuleAsyncOptions } from './module-options.ts';
