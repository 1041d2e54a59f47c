export type {
  AsyncCorsOptions,
  CorsDecision,
  CorsInput,
  CorsOptions,
  CorsRequest,
} from '@corsica/cors-core';
export { CorsConfigError, createCors } from '@corsica/cors-core';
export type { NodeRequest } from './node-request.ts';
export { nodeRequestView } from './node-request.ts';
export type { NodeResponse } from './node-response.ts';
export { applyDecision, keepCorsHeaders, nodeHeaders } from './node-response.ts';
export type { CorsHandler, NodeFramework } from './with-cors.ts';
export {
  createCorsHandler,
  createCorsMiddleware,
  withCors,
  withCors as default,
} from './with-cors.ts';
