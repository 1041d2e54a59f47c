export type {
  AsyncCorsOptions,
  CorsDecision,
  CorsInput,
  CorsOptions,
  CorsRequest,
} from '@corsica/cors-core';
// consoleLog is the core's now; still exported here, where custom servers found it first.
export { CorsConfigError, consoleLog, createCors } from '@corsica/cors-core';
export type { NodeRequest, NodeResponse } from './node.ts';
export { applyDecision, nodeRequestView } from './node.ts';
export type { CorsHandler } from './with-cors.ts';
export {
  createCorsHandler,
  createCorsMiddleware,
  withCors,
  withCors as default,
} from './with-cors.ts';
