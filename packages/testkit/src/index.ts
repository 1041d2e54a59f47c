export type {
  AdapterCase,
  CaseOptions,
  ConnectionCase,
  RefusedCase,
  SequenceCase,
  SingleRequestCase,
} from './adapter-cases.ts';
export { adapterCases } from './adapter-cases.ts';
export { devLogLines } from './dev-log.ts';
export { faultCases } from './fault-cases.ts';
export type { AdapterHarness, StartOptions, TestServer } from './harness.ts';
export {
  AREA_ADMIN,
  AREA_MARKER,
  HANDLER_MARKER,
  HANDLER_RAN,
  LARGE_HEADER_LIMIT,
} from './harness.ts';
export type { RawRequest, RawResponse } from './http-client.ts';
export { send } from './http-client.ts';
export { toCorsOptions } from './neutral-policy.ts';
export type { Observation, ObservedResponse, VectorVerdict } from './outcome.ts';
export { checkOutcome, checkVector, describeFailure } from './outcome.ts';
export type { CaseGroup, CaseResult, ConformanceCase, RunOptions } from './runner.ts';
export { conformanceCases, runConformance, summarize } from './runner.ts';
export { securityCases } from './security-cases.ts';
export {
  ADMIN,
  APP,
  corsHeadersOf,
  EVIL,
  exchange,
  fromOrigin,
  listen,
  PARTNER,
  PREFLIGHT_VARY,
  preflight,
  started,
} from './serve.ts';
export type {
  ListItem,
  Matcher,
  NeutralPolicy,
  Outcome,
  RepeatedValue,
  Vector,
  VectorHeaderValue,
  VectorRequest,
} from './vectors.ts';
export { expandValue, outcomesOf, vectors } from './vectors.ts';
