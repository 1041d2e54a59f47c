export type { CheckOptions } from './check.ts';
export { CheckUsageError, check, MAX_REDIRECTS, NOT_EMULATED } from './check.ts';
export type { CliIO, CliStream } from './cli.ts';
export { EXIT_ALLOW, EXIT_BLOCK, EXIT_ERROR, exitCodeOf, main } from './cli.ts';
export type { CheckFailure, PreflightCheck, PreflightGrant } from './cors-checks.ts';
export { CORS_ERROR_NAMES, corsCheck, getHeader, preflightCheck } from './cors-checks.ts';
export { commonErrorOf } from './diagnosis.ts';
export type {
  ExplainedConfigProblem,
  ExplainedDecision,
  ExplainOptions,
  ExplainResult,
} from './explain.ts';
export { ExplainConfigLoadError, explain } from './explain.ts';
export type { RequestHeader, UnsafeHeader } from './fetch-rules.ts';
export {
  accessControlRequestHeaders,
  corsUnsafeRequestHeaderNames,
  corsUnsafeRequestHeaders,
  isCorsSafelistedMethod,
  isCorsSafelistedRequestHeader,
  isForbiddenMethod,
  isForbiddenRequestHeader,
  normalizeMethod,
  parseAllowList,
  parseSingleRange,
} from './fetch-rules.ts';
export { formatExplainResult, formatResult } from './format.ts';
export type {
  ActualSummary,
  CheckErrorInfo,
  CheckResult,
  CommonError,
  CorsErrorName,
  HeaderLine,
  Hop,
  PreflightRecord,
  PreflightSummary,
  RequestRecord,
  RequestSummary,
  ResponseRecord,
  Verdict,
} from './result.ts';
