import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { CorsDecision, CorsHeader } from '@corsica/cors-core';
import { appendVary, VARY } from '@corsica/cors-core';

/** A Node response, HTTP/1 or HTTP/2 compatibility mode. */
export type NodeResponse = ServerResponse | Http2ServerResponse;

/** A `Vary` value as Node holds it. */
export type OutgoingVary = ReturnType<ServerResponse['getHeader']>;

/**
 * Sets the decision's headers and appends its Vary tokens to whatever the response holds. Returns
 * the Vary value the response holds afterwards, so a caller can tell later whether the app
 * replaced it.
 */
export function writeCorsHeaders(response: NodeResponse, decision: CorsDecision): OutgoingVary {
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i] as CorsHeader;
    response.setHeader(header[0], header[1]);
  }
  if (decision.vary.length === 0) return undefined;
  const current = response.getHeader(VARY);
  const vary = appendVary(current, decision.vary);
  if (vary === undefined) return current;
  response.setHeader(VARY, vary);
  return vary;
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
