import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { CorsDecision } from '@corsica/cors-core';
import { appendVary, VARY } from '@corsica/cors-core';

/** A Node response, HTTP/1 or HTTP/2 compatibility mode. */
export type NodeResponse = ServerResponse | Http2ServerResponse;

/** Sets the decision's headers and appends its Vary tokens to whatever the response holds. */
export function writeCorsHeaders(response: NodeResponse, decision: CorsDecision): void {
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i] as readonly [string, string];
    response.setHeader(name, value);
  }
  if (decision.vary.length === 0) return;
  const vary = appendVary(response.getHeader(VARY), decision.vary);
  if (vary !== undefined) response.setHeader(VARY, vary);
}

/**
 * Writes the decision; when it carries a status (a preflight answered here, or a rejection),
 * ends the response with it and returns true. Otherwise the request goes on: returns false.
 */
export function applyDecision(response: NodeResponse, decision: CorsDecision): boolean {
  writeCorsHeaders(response, decision);
  if (decision.status === undefined) return false;
  response.statusCode = decision.status;
  response.end();
  return true;
}
