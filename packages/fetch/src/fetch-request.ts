import type { CorsRequest, CorsRequestHeaderName } from '@corsica/cors-core';

/** The core's view of a Fetch `Request`: `Headers` already match names case-insensitively and join repeated lines. */
export class FetchCorsRequest implements CorsRequest {
  readonly method: string;
  readonly #request: Request;
  readonly #env: unknown;
  readonly #routed: string | undefined;

  /**
   * @param env The handler's second argument: Workers' bindings, @hono/node-server's `{ incoming }`.
   * @param routed The path the app routes on, when not the URL's (Hono's decoded `c.req.path`).
   */
  constructor(request: Request, env?: unknown, routed?: string) {
    this.method = request.method;
    this.#request = request;
    this.#env = env;
    this.#routed = routed;
  }

  get path(): string {
    const url = this.#request.url;
    // @hono/node-server passes the Node request as `env.incoming`, and resolves dot segments (`..`,
    // `%2e`) out of `request.url`: where it did, the core sees, and refuses, the target as sent.
    const sent = (this.#env as { incoming?: { url?: unknown } } | null | undefined)?.incoming?.url;
    if (typeof sent === 'string' && !url.endsWith(sent) && new URL(sent, url).href === url) {
      return sent;
    }
    return this.#routed ?? url.slice(url.indexOf('/', url.indexOf('//') + 2));
  }

  header(name: CorsRequestHeaderName): string | null {
    return this.#request.headers.get(name);
  }
}
