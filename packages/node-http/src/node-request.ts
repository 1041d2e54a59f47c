import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { CorsHeaderValue, CorsRequest, CorsRequestHeaderName } from '@corsica/cors-core';

/** A Node request, HTTP/1 or HTTP/2 compatibility mode. */
export type NodeRequest = IncomingMessage | Http2ServerRequest;

/**
 * The core's view of a Node request, without copying headers: Node already keys them in
 * lowercase, joins repeated unknown headers with `, `, and HTTP/2 pseudo-headers (`:path`) are
 * never asked for.
 */
export class NodeCorsRequest implements CorsRequest {
  readonly method: string;
  readonly #headers: NodeRequest['headers'];
  readonly #path: string | undefined;

  /** @param path The raw path the app routes on; defaults to `req.url`, undecoded. */
  constructor(request: NodeRequest, path: string | undefined = request.url) {
    this.method = request.method ?? 'GET';
    this.#headers = request.headers;
    this.#path = path;
  }

  /** Read only by policies with `routes`; subclasses may compute it on demand. */
  get path(): string | undefined {
    return this.#path;
  }

  header(name: CorsRequestHeaderName): CorsHeaderValue {
    return this.#headers[name];
  }
}
