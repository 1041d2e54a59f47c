export type {
  AsyncCorsOptions,
  CorsDecision,
  CorsInput,
  CorsOptions,
  CorsRequest,
} from '@corsica/cors-core';
export { CorsConfigError, createCors } from '@corsica/cors-core';
export { cors, cors as default } from './middleware.ts';
