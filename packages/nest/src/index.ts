export type { AsyncCorsOptions, CorsInput, CorsOptions } from '@corsica/cors-core';
export { CorsConfigError, createCors } from '@corsica/cors-core';
export type { CorsRouteOptions, CorsSetting, PlatformRequest } from './cors.decorator.ts';
export { Cors } from './cors.decorator.ts';
export type { CorsModuleAsyncOptions } from './cors.module.ts';
export { CorsModule } from './cors.module.ts';
