export type { AsyncCorsOptions, CorsInput, CorsOptions } from '@corsica/cors-core';
export { CorsConfigError, createCors } from '@corsica/cors-core';
export { cors } from './middleware.ts';
