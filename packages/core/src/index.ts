export { consoleLog } from './adapter/console-log.ts';
export { developmentLog } from './adapter/development-log.ts';
export type { NodeHeadResponse } from './adapter/node-head.ts';
export { nodeResponseHeaders, writeOnHead } from './adapter/node-head.ts';
export type { HeaderLookup, HeaderRecord, RequestParts } from './adapter/request-view.ts';
export { requestView } from './adapter/request-view.ts';
export { pathAndQueryOf, targetResolvesTo } from './adapter/url-path.ts';
export type { HeaderObject, HeaderSink } from './adapter/write.ts';
export {
  EMPTY_BODY,
  endedResponseHeaders,
  headerObject,
  restoreDecision,
  writeDecision,
} from './adapter/write.ts';
export type { CorsConfigProblem, CorsConfigProblemCode } from './config/problems.ts';
export { CORS_CONFIG_PROBLEM_CODES, CorsConfigError } from './config/problems.ts';
export { createCors, isCors, isPendingDecision, toCors } from './cors.ts';
export { explainConfigError } from './handle.ts';
export { sanitizeForLog } from './messages/sanitize.ts';
export type { CorsPerKeyOptions } from './per-key.ts';
export { corsPerKey } from './per-key.ts';
export { classify, classifyRequest, routingMethodOf } from './protocol/classify.ts';
export type { CorsRequestHeaderName } from './protocol/headers.ts';
export {
  ACAC,
  ACAH,
  ACAM,
  ACAO,
  ACAPN,
  ACEH,
  ACMA,
  ACRH,
  ACRM,
  ACRPN,
  CONTENT_LENGTH,
  ORIGIN,
  VARY,
} from './protocol/headers.ts';
export { appendVary } from './protocol/vary.ts';
export { CORS_DENIAL_REASONS } from './reasons.ts';
export type {
  AllowedCorsDecision,
  AsyncCors,
  AsyncCorsOptions,
  AsyncCorsOrigins,
  AsyncOriginPredicate,
  Cors,
  CorsDecision,
  CorsDecisionHook,
  CorsDenialReason,
  CorsHandle,
  CorsHeader,
  CorsHeaderValue,
  CorsInput,
  CorsLogOption,
  CorsLogRecord,
  CorsLogSink,
  CorsOptions,
  CorsOrigins,
  CorsPolicyOptions,
  CorsPredicateCacheOptions,
  CorsPreflightOptions,
  CorsRequest,
  CorsRequestKind,
  CorsRoute,
  CorsRouteMatch,
  DeniedCorsDecision,
  NonCorsDecision,
  OriginPredicate,
  PathMatching,
} from './types.ts';
