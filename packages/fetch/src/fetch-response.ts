import type { CorsDecision, HeaderSink } from '@corsica/cors-core';
import { appendVary, endedResponseHeaders, restoreDecision, VARY } from '@corsica/cors-core';

/** A Fetch `Headers`, as the core's writer sees it. */
export function fetchHeaders(headers: Headers): HeaderSink {
  return {
    get: (name) => headers.get(name),
    set: (name, value) => headers.set(name, value),
  };
}

/** The CORS layer's own answer (a preflight, a rejection), with no body; undefined when the app answers. */
export function corsAnswer(decision: CorsDecision): Response | undefined {
  if (decision.status === undefined) return undefined;
  // A plain record, not `answer.headers.set(...)`: @hono/node-server writes a record as is, while
  // reading `.headers` first builds a Headers object it must then convert (16% more CPU per preflight).
  return new Response(null, { status: decision.status, headers: endedResponseHeaders(decision) });
}

/**
 * `response` with the decision's headers put back (a handler's Response lacks them, and may
 * carry its own Vary): itself, or a copy if its headers are immutable (`fetch()`,
 * `Response.redirect()`).
 */
export function withCorsHeaders(response: Response, decision: CorsDecision): Response {
  try {
    restoreDecision(fetchHeaders(response.headers), decision);
    return response;
  } catch {
    if (response.type === 'error') return response; // Response.error(): status 0, no headers to carry
    const copy = new Response(response.body, response);
    restoreDecision(fetchHeaders(copy.headers), decision);
    return copy;
  }
}

/**
 * Whether `headers` hold the decision's headers and a Vary listing its tokens (`vary`, joined).
 * The first header (the allowed origin, when there is one) stands for all: they are set together,
 * and a Response built outside the context lacks every one of them. Each `Headers.get` costs
 * about a quarter of a microsecond, so only that one and Vary are read.
 */
export function carriesDecision(headers: Headers, decision: CorsDecision, vary?: string): boolean {
  const first = decision.headers[0];
  if (first !== undefined && headers.get(first[0]) !== first[1]) return false;
  if (vary === undefined) return true;
  const current = headers.get(VARY);
  return current === vary || appendVary(current, decision.vary) === undefined;
}
