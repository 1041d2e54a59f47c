export type {
  AsyncCorsOptions,
  CorsDecision,
  CorsInput,
  CorsOptions,
  CorsRequest,
} from '@corsica/cors-core';
export { CorsConfigError, createCors } from '@corsica/cors-core';
export type { NodeRequest, NodeResponse } from './node.ts';
export { applyDecision, nodeRequestView } from './node.ts';
export type { CorsHandler } from './with-cors.ts';
export {
  consoleLog,
  createCorsHandler,
  createCorsMiddleware,
  withCors,
  withCors as default,
} from './with-cors.ts';
