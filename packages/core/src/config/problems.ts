import { configMessages } from '../messages/config.ts';

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
  'reconfigure-sync-async',
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

/** Thrown by `createCors` (and every adapter) with every problem of the policy at once. */
export class CorsConfigError extends Error {
  /** Every problem found, grouped by option. */
  readonly problems: readonly CorsConfigProblem[];

  /** @param caller What was called with the policy, as the user wrote it: `cors()`, `createCors()`. */
  constructor(problems: readonly CorsConfigProblem[], caller = 'createCors()') {
    const lines = problems.map(
      (problem) => `  - ${problem.option}: ${problem.message} [${problem.code}]`,
    );
    super(`${configMessages.errorTitle(caller, problems.length)}\n${lines.join('\n')}`);
    this.name = 'CorsConfigError';
    this.problems = problems;
  }
}

/** A problem while validating, with the option keys it involves (see `concernsKeys`). */
export interface Problem extends CorsConfigProblem {
  /** Option keys the problem involves; a route reports it only if it sets one of them. */
  readonly keys: readonly string[];
}

/** Collects problems of one policy (the top level, or one route, under its prefix). */
export class Problems {
  readonly list: Problem[] = [];
  /** `routes[2].` when validating a route: the option key is what follows it. */
  readonly prefix: string;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  add(
    code: CorsConfigProblemCode,
    option: string,
    value: unknown,
    message: string,
    keys?: readonly string[],
  ): void {
    const key = option.slice(this.prefix.length).split(/[.[]/)[0] as string;
    this.list.push({ code, option, value, message, keys: keys ?? [key] });
  }
}

/** Whether a problem concerns one of the keys a route sets itself. */
export function concernsKeys(problem: CorsConfigProblem, keys: ReadonlySet<string>): boolean {
  const involved = (problem as Partial<Problem>).keys ?? [problem.option];
  return involved.some((key) => keys.has(key));
}

/** Drops the internal `keys` field before problems reach users. */
export function publicProblem(problem: CorsConfigProblem): CorsConfigProblem {
  return {
    code: problem.code,
    option: problem.option,
    value: problem.value,
    message: problem.message,
  };
}
