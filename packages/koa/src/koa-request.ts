import { NodeCorsRequest } from '@corsica/cors-node-http';
import type { Context } from 'koa';

/**
 * The core's view of a koa request. `ctx.path` parses the URL, and only policies with `routes`
 * read it: so it is read on demand.
 */
export class KoaCorsRequest extends NodeCorsRequest {
  readonly #context: Context;

  constructor(context: Context) {
    super(context.req);
    this.#context = context;
  }

  override get path(): string {
    return this.#context.path;
  }
}
