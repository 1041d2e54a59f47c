import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { CorsDecision, CorsRequest } from '@corsica/cors-core';
import { nodeResponseHeaders, requestView, writeDecision, writeOnHead } from '@corsica/cors-core';

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

/**
 * Writes the decision. One with a status ends the response (returns true); any other is put back
 * as the head is written (`writeOnHead`): a handler may replace `Vary`, an error handler set an
 * error's headers (finalhandler), or remove them all (koa).
 */
export function applyDecision(response: NodeResponse, decision: CorsDecision): boolean {
  writeDecision(nodeResponseHeaders(response), decision);
  if (decision.status === undefined) {
    writeOnHead(response, decision);
    return false;
  }
  response.writeHead(decision.status).end();
  return true;
}
