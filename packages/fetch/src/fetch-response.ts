import type { CorsDecision } from '@corsica/cors-core';
import { appendVary, VARY } from '@corsica/cors-core';

/** The CORS layer's own answer (a preflight, a rejection), with no body; undefined when the app answers. */
export function corsAnswer(decision: CorsDecision): Response | undefined {
  if (decision.status === undefined) return undefined;
  const answer = new Response(null, { status: decision.status });
  writeDecision(answer.headers, decision);
  return answer;
}

function writeDecision(headers: Headers, decision: CorsDecision): void {
  for (const [name, value] of decision.headers) headers.set(name, value);
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

/** Whether `headers` hold the decision's headers and a Vary listing its tokens (`vary`, joined). */
export function carriesDecision(headers: Headers, decision: CorsDecision, vary?: string): boolean {
  for (const [name, value] of decision.headers) if (headers.get(name) !== value) return false;
  if (vary === undefined) return true;
  const current = headers.get(VARY);
  return current === vary || appendVary(current, decision.vary) === undefined;
}
