import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { CorsDecision, CorsLogSink, CorsRequest, HeaderSink } from '@corsica/cors-core';
import { requestView, restoreDecision, writeDecision } from '@corsica/cors-core';
import onHeaders from 'on-headers';

/** A Node request and response, HTTP/1 or HTTP/2 compatibility mode. */
export type NodeRequest = IncomingMessage | Http2ServerRequest;
/** See `NodeRequest`. */
export type NodeResponse = ServerResponse | Http2ServerResponse;

/**
 * The core's view of a Node request, headers not copied (Node keys them in lowercase and joins
 * repeated ones). `path` is the raw path the app routes on, or a function giving it when asked.
 */
export function nodeRequestView<TContext = NodeRequest>(
  request: NodeRequest,
  path: string | (() => string | undefined) | undefined = request.url,
  context: TContext = request as TContext,
): CorsRequest<TContext> {
  return requestView(request.headers, { method: request.method, path, context });
}

/** A Node response's headers, as the core's writer sees them. */
export function nodeHeaders(response: NodeResponse): HeaderSink {
  return {
    get: (name) => response.getHeader(name),
    set: (name, value) => void response.setHeader(name, value),
  };
}

/**
 * Puts the decision back right before the head is written (`on-headers`): a handler may replace
 * `Vary`, an error handler set an error's headers (finalhandler), or remove them all (koa).
 */
export function keepCorsHeaders(response: NodeResponse, decision: CorsDecision): void {
  if (decision.headers.length === 0 && decision.vary.length === 0) return;
  // HTTP/2 compatibility responses have the same writeHead and header methods.
  onHeaders(response as ServerResponse, () => restoreDecision(nodeHeaders(response), decision));
}

/** Writes the decision; one with a status ends the response (returns true), else it is kept. */
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

/** The development log: `console.warn`, off when `NODE_ENV` is `production` (read when built). */
export function consoleLog(): CorsLogSink<unknown> {
  return {
    write: (line) => console.warn(line),
    production: process.env['NODE_ENV'] === 'production',
  };
}
