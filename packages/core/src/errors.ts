/**
 * Stable codes for everything `createCors` refuses. Each code names one mistake; the message of
 * the problem says what to write instead. Codes never change meaning; new ones may be added.
 */
export const CORS_CONFIG_PROBLEM_CODES = [
  'option-unknown',
  'option-type',
  'origins-missing',
  'origins-empty',
  'origin-wildcard-in-list',
  'origin-wildcard-with-credentials',
  'origin-regexp',
  'origin-malformed',
  'origin-path',
  'origin-trailing-slash',
  'origin-userinfo',
  'origin-default-port',
  'origin-port-invalid',
  'origin-uppercase',
  'origin-unicode',
  'origin-ip-noncanonical',
  'origin-trailing-dot',
  'origin-null',
  'origin-file',
  'origin-insecure-with-credentials',
  'origin-pattern-invalid',
  'origin-pattern-public-suffix',
  'origin-duplicate',
  'credentials-origin-not-allowed',
  'method-invalid',
  'method-forbidden',
  'method-case',
  'method-wildcard-in-list',
  'method-duplicate',
  'header-invalid',
  'header-forbidden',
  'header-response-only',
  'header-wildcard-in-list',
  'header-duplicate',
  'expose-forbidden',
  'expose-wildcard-with-credentials',
  'max-age-invalid',
  'max-age-too-large',
  'preflight-status-invalid',
  'private-network-with-any-origin',
  'route-path-invalid',
  'route-duplicate',
  'route-method-invalid',
] as const;

/** A stable code naming one mistake in a policy. */
export type CorsConfigProblemCode = (typeof CORS_CONFIG_PROBLEM_CODES)[number];

/** One thing wrong with a policy. */
export interface CorsConfigProblem {
  /** Stable machine-readable code. */
  readonly code: CorsConfigProblemCode;
  /** Where the problem is, e.g. `origins[2]`, `routes[0].methods`. */
  readonly option: string;
  /** The offending value as written. */
  readonly value: unknown;
  /** What is wrong and what to write instead. */
  readonly message: string;
}

/** Thrown by `createCors` with every problem of the policy at once. */
export class CorsConfigError extends Error {
  /** Every problem found, grouped by option. */
  readonly problems: readonly CorsConfigProblem[];

  constructor(problems: readonly CorsConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map(
      (problem) => `  - ${problem.option}: ${problem.message} [${problem.code}]`,
    );
    super(`Invalid CORS policy (${count}):\n${lines.join('\n')}`);
    this.name = 'CorsConfigError';
    this.problems = problems;
  }
}

/** Quotes a value for a message: JSON escaping keeps control characters out of logs. */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 120
      ? `${JSON.stringify(value.slice(0, 120))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'function') return 'a function';
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
