import type { NormalizedPolicy } from '../config/validate.ts';

/**
 * What an explanation needs to know about the policy that made a decision: a reference to the
 * policy itself (described only when an explanation is asked for) and its limits.
 */
export interface PolicyView {
  /** The policy; undefined for decisions made where no policy applies (an uncovered path). */
  readonly policy: NormalizedPolicy | undefined;
  /** The route path whose policy this is; `''` for the top level. */
  readonly scope: string;
  /** The longest method a preflight may ask for. */
  readonly maxMethodLength: number;
  /** The Access-Control-Request-Headers limits. */
  readonly maxNames: number;
  readonly maxTotalLength: number;
  /** The async predicate timeout, in ms (0: none). */
  readonly timeoutMs: number;
}

/** The view of a path no policy covers, for the explanations of decisions made there. */
export const NO_POLICY: PolicyView = {
  policy: undefined,
  scope: '',
  maxMethodLength: 0,
  maxNames: 0,
  maxTotalLength: 0,
  timeoutMs: 0,
};
