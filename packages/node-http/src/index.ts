export type { NodeRequest } from './node-request.ts';
export { NodeCorsRequest } from './node-request.ts';
export type { NodeResponse, OutgoingVary } from './node-response.ts';
export { applyDecision, writeCorsHeaders } from './node-response.ts';
export type { CorsHandler } from './with-cors.ts';
export { createCorsHandler, createCorsMiddleware, withCors } from './with-cors.ts';
