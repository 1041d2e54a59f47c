import type { CorsInput } from '@corsica/cors-core';
import { isPendingDecision, toCors } from '@corsica/cors-core';
import { FetchCorsRequest } from './fetch-request.ts';
import { corsAnswer, withCorsHeaders } from './fetch-response.ts';

/**
 * Wraps a Fetch handler (Bun, Deno, Workers, Next.js): answers preflights, adds the CORS headers to
 * what the handler returns, passes later arguments (`env, ctx`) on, and lets its errors propagate.
 *
 * @param input Corsica options, or a policy compiled with `createCors`.
 * @example
 * export default { fetch: withCors({ origins: ['https://app.example.com'] }, (request, env) => app(request, env)) };
 */
export function withCors<TRequest extends Request, TRest extends unknown[]>(
  input: CorsInput,
  handler: (request: TRequest, ...rest: TRest) => Response | Promise<Response>,
): (request: TRequest, ...rest: TRest) => Promise<Response> {
  const cors = toCors(input);
  return async (request, ...rest) => {
    const pending = cors.decide(new FetchCorsRequest(request, rest[0]));
    const decision = isPendingDecision(pending) ? await pending : pending;
    return corsAnswer(decision) ?? withCorsHeaders(await handler(request, ...rest), decision);
  };
}
