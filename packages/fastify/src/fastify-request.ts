import type { CorsHeaderValue, CorsRequest, CorsRequestHeaderName } from '@corsica/cors-core';
import type { FastifyRequest } from 'fastify';

/**
 * The core's view of a fastify request, without copying headers. Its path is `request.url`: the
 * target fastify routes on (after `rewriteUrl`), undecoded, query included.
 */
export class FastifyCorsRequest implements CorsRequest {
  readonly method: string;
  readonly #request: FastifyRequest;

  constructor(request: FastifyRequest) {
    this.method = request.method;
    this.#request = request;
  }

  /** Read only by policies with `routes`. */
  get path(): string {
    return this.#request.url;
  }

  header(name: CorsRequestHeaderName): CorsHeaderValue {
    return this.#request.headers[name];
  }
}
