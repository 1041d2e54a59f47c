import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { CorsRequest, PathMatching } from '@corsica/cors-core';
import { requestView } from '@corsica/cors-core';

/** A Node request, HTTP/1 or HTTP/2 compatibility mode. */
export type NodeRequest = IncomingMessage | Http2ServerRequest;

/**
 * The core's view of a Node request, without copying headers: Node already keys them in
 * lowercase, joins repeated unknown headers with `, `, and HTTP/2 pseudo-headers (`:path`) are
 * never asked for. Origin predicates receive `context`, the framework's own request.
 *
 * @param path The raw path the app routes on (or a function giving it when asked); `req.url` by default.
 */
export function nodeRequestView<TContext = NodeRequest>(
  request: NodeRequest,
  path: string | (() => string | undefined) | undefined = request.url,
  context: TContext = request as TContext,
  pathMatching?: PathMatching,
): CorsRequest<TContext> {
  return requestView(request.headers, {
    method: request.method,
    path,
    pathMatching,
    context,
  });
}
