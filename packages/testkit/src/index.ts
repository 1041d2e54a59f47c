export { toCorsOptions } from './neutral-policy.ts';
export type { Observation, ObservedResponse, VectorVerdict } from './outcome.ts';
export { checkOutcome, checkVector, describeFailure } from './outcome.ts';
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
