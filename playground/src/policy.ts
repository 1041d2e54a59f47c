import type { Cors, CorsOptions } from '@corsica/cors-core';
import { CorsConfigError, explainConfigError } from '@corsica/cors-core';
import type { ConfigProblem, PolicyState, PolicyUpdate } from './page/types.ts';

/**
 * The policy every API server starts with: the page's `http://localhost:P` may read, with
 * cookies; `http://127.0.0.1:P`, the same page on another origin, may not. Preflights are cached
 * for ten minutes, so a repeated request shows a cached preflight.
 */
export function defaultPolicy(pageOrigin: string): CorsOptions {
  return {
    origins: [pageOrigin],
    credentials: true,
    methods: ['PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  };
}

/**
 * Settings of the compiled policy itself: the playground's decision hook records every exchange,
 * and `reconfigure` keeps them unless the new options set them, so the page may not.
 */
const HANDLE_SETTINGS = ['onError', 'onDecision', 'log', 'debug'] as const;

/**
 * Options sent by the page, before the core validates them: a JSON object without handle
 * settings. Every other key, unknown ones included, goes to the core, whose `CorsConfigError`
 * is the answer the page shows.
 */
export function readEditedOptions(
  body: unknown,
): { readonly options: CorsOptions } | { readonly error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { error: 'send {"options": {…}}' };
  }
  const options = (body as { options?: unknown }).options;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return { error: 'send {"options": {…}}' };
  }
  const setting = HANDLE_SETTINGS.find((key) => key in options);
  if (setting !== undefined) return { error: `${setting} is the playground's own; leave it out` };
  return { options: options as CorsOptions };
}

/** The policy in force, as JSON: `getOptions()` with its functions left out. */
export function policyState(policy: Cors): PolicyState {
  const json: unknown = JSON.parse(
    JSON.stringify(policy.getOptions(), (_key, value: unknown) =>
      typeof value === 'function' ? undefined : value,
    ),
  );
  return { revision: policy.revision, options: json as Record<string, unknown> };
}

/**
 * Puts `options` in force on every server's policy, or on none. The first `reconfigure` validates:
 * if it throws, the old policy stays in force everywhere and the page gets the problems and
 * `explainConfigError`'s text. The same options cannot fail on the next policy (all hold the same
 * kind of policy, with no predicate), so the servers never disagree.
 */
export async function reconfigureAll(
  policies: readonly Cors[],
  options: CorsOptions,
): Promise<PolicyUpdate> {
  const [first, ...rest] = policies;
  if (first === undefined) throw new Error('no API server is running');
  try {
    first.reconfigure(options);
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    return {
      applied: false,
      policy: policyState(first),
      problems: error.problems.map(problemJson),
      explanation: await explainConfigError(error),
    };
  }
  for (const policy of rest) policy.reconfigure(options);
  return { applied: true, policy: policyState(first) };
}

function problemJson(problem: CorsConfigError['problems'][number]): ConfigProblem {
  const { code, option, value, message } = problem;
  // A value that does not survive JSON (a RegExp, a function) is shown as its source text.
  const safe =
    typeof value === 'function' || value instanceof RegExp
      ? String(value)
      : (JSON.parse(JSON.stringify(value ?? null)) as unknown);
  return { code, option, value: safe, message };
}
