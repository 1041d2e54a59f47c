import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { CorsDecision, HeaderSink } from '@corsica/cors-core';
import { restoreDecision, writeDecision } from '@corsica/cors-core';
import onHeaders from 'on-headers';

/** A Node response, HTTP/1 or HTTP/2 compatibility mode. */
export type NodeResponse = ServerResponse | Http2ServerResponse;

/** A Node response's headers, as the core's writer sees them. */
export function nodeHeaders(response: NodeResponse): HeaderSink {
  return {
    get: (name) => response.getHeader(name),
    set: (name, value) => {
      response.setHeader(name, value);
    },
  };
}

/**
 * Keeps the decision on the response until its head is written, whatever the application does
 * in between: a handler that sets its own `Vary`, or an error handler that sets the headers of an
 * error (finalhandler's `err.headers`, koa's `ctx.onerror`, which first removes every header).
 * Right before the head goes out (`on-headers`), each CORS header gets the decision's value again
 * and Vary its tokens back, so the response a cache stores always says what it varies on.
 */
export function keepCorsHeaders(response: NodeResponse, decision: CorsDecision): void {
  if (decision.headers.length === 0 && decision.vary.length === 0) return;
  // HTTP/2 compatibility responses have the same writeHead and header methods.
  onHeaders(response as ServerResponse, () => {
    restoreDecision(nodeHeaders(response), decision);
  });
}

/**
 * Writes the decision; when it carries a status (a preflight answered here, or a rejection),
 * ends the response with it (empty body, `Content-Length: 0`) and returns true. Otherwise the
 * request goes on, with the decision kept on the response until its head is written: returns
 * false.
 */
export function applyDecision(response: NodeResponse, decision: CorsDecision): boolean {
  writeDecision(nodeHeaders(response), decision);
  if (decision.status === undefined) {
    keepCorsHeaders(response, decision);
    return false;
  }
  response.statusCode = decision.status;
  response.end();
  return true;
}
