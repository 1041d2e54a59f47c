export { createCors, isCors, isPendingDecision, toCors } from './cors.ts';
export type { CorsConfigProblem, CorsConfigProblemCode } from './errors.ts';
export { CORS_CONFIG_PROBLEM_CODES, CorsConfigError } from './errors.ts';
export type { CorsRequestHeaderName } from './headers.ts';
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
} from './headers.ts';
export { CORS_DENIAL_REASONS } from './reasons.ts';
export { routingMethodOf } from './routing-method.ts';
export type {
  AllowedCorsDecision,
  AsyncCors,
  AsyncCorsOptions,
  AsyncCorsOrigins,
  AsyncOriginPredicate,
  Cors,
  CorsDecision,
  CorsDenialReason,
  CorsHeader,
  CorsHeaderValue,
  CorsInput,
  CorsOptions,
  CorsOrigins,
  CorsPolicyOptions,
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
export { appendVary } from './vary.ts';
