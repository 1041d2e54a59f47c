import type { CorsDecision, CorsHeader } from '@corsica/cors-core';
import { appendVary, VARY } from '@corsica/cors-core';

/** The CORS layer's own answer (a preflight, a rejection), with no body; undefined when the app answers. */
export function corsAnswer(decision: CorsDecision): Response | undefined {
  if (decision.status === undefined) return undefined;
  // A plain record, not `answer.headers.set(...)`: @hono/node-server writes a record as is, while
  // reading `.headers` first builds a Headers object it must then convert (16% more CPU per preflight).
  const headers: Record<string, string> = {};
  const corsHeaders = decision.headers;
  for (let i = 0; i < corsHeaders.length; i++) {
    const header = corsHeaders[i] as CorsHeader;
    headers[header[0]] = header[1];
  }
  const vary = appendVary(undefined, decision.vary);
  if (vary !== undefined) headers[VARY] = vary;
  return new Response(null, { status: decision.status, headers });
}

function writeDecision(headers: Headers, decision: CorsDecision): void {
  const corsHeaders = decision.headers;
  for (let i = 0; i < corsHeaders.length; i++) {
    const header = corsHeaders[i] as CorsHeader;
    headers.set(header[0], header[1]);
  }
  const vary = appendVary(headers.get(VARY), decision.vary);
  if (vary !== undefined) headers.set(VARY, vary);
}

/** `response` with the decision's headers: itself, or a copy if they are immutable (`fetch()`, `Response.redirect()`). */
export function withCorsHeaders(response: Response, decision: CorsDecision): Response {
  try {
    writeDecision(response.headers, decision);
    return response;
  } catch {
    if (response.type === 'error') return response; // Response.error(): status 0, no headers to carry
    const copy = new Response(response.body, response);
    writeDecision(copy.headers, decision);
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
