import type { CorsHeaderValue, CorsRequest, CorsRequestHeaderName } from '@corsica/cors-core';
import type { FastifyRequest } from 'fastify';

/**
 * The core's view of a fastify request, without copying headers. Its path is `request.url`: the
 * target fastify routes on (after `rewriteUrl`), undecoded, query included.
 */
export class FastifyCorsRequest implements CorsRequest {
  readonly method: string;
  readonly path: string;
  readonly #headers: FastifyRequest['headers'];

  constructor(request: FastifyRequest) {
    this.method = request.method;
    this.path = request.url;
    this.#headers = request.headers;
  }

  header(name: CorsRequestHeaderName): CorsHeaderValue {
    return this.#headers[name];
  }
}
