export type {
  AsyncCorsOptions,
  CorsDecision,
  CorsInput,
  CorsOptions,
  CorsRequest,
} from '@corsica/cors-core';
export { CorsConfigError, corsPerKey, createCors } from '@corsica/cors-core';
export { fetchRequestView } from './fetch-request.ts';
export { corsAnswer, withCorsHeaders } from './fetch-response.ts';
export type { FetchCorsContext } from './with-cors.ts';
export { withCors, withCors as default } from './with-cors.ts';
