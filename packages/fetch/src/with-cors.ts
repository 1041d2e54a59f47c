import type { CorsInput } from '@corsica/cors-core';
import { consoleLog, isPendingDecision, toCors } from '@corsica/cors-core';
import { fetchRequestView } from './fetch-request.ts';
import { corsAnswer, withCorsHeaders } from './fetch-response.ts';

/**
 * What origin predicates receive from `withCors`: the request and what the runtime passed the
 * handler besides (Workers: `env` and the execution context; Bun: the server).
 */
export interface FetchCorsContext<TRequest extends Request = Request, TEnv = unknown> {
  readonly request: TRequest;
  readonly env: TEnv;
  readonly executionContext: unknown;
}

/**
 * Wraps a Fetch handler (Bun, Deno, Workers, Next.js): answers preflights, adds the CORS headers to
 * what the handler returns, passes later arguments (`env, ctx`) on, and lets its errors propagate.
 *
 * @param input Corsica options, or a policy compiled with `createCors`. Origin predicates receive
 * `{ request, env, executionContext }`, e.g. to read a tenant list from a Workers binding.
 * @example
 * export default { fetch: withCors({ origins: ['https://app.example.com'] }, (request, env) => app(request, env)) };
 */
export function withCors<TRequest extends Request, TRest extends unknown[]>(
  input: CorsInput<FetchCorsContext<TRequest, TRest[0]>>,
  handler: (request: TRequest, ...rest: TRest) => Response | Promise<Response>,
): (request: TRequest, ...rest: TRest) => Promise<Response> {
  const cors = toCors(input, 'withCors()');
  cors.useLog(consoleLog());
  return async (request, ...rest) => {
    const context = { request, env: rest[0], executionContext: rest[1] };
    const pending = cors.decide(fetchRequestView(request, context, rest[0]));
    const decision = isPendingDecision(pending) ? await pending : pending;
    return corsAnswer(decision) ?? withCorsHeaders(await handler(request, ...rest), decision);
  };
}
