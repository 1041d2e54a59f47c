import type { TestServer } from '@corsica/cors-testkit';
import { listen } from '@corsica/cors-testkit';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { getRequestListener } from '@hono/node-server';

/**
 * A fetch handler served as @hono/node-server serves it (its request listener, 127.0.0.1 for
 * requests without Host), on the testkit's `listen`.
 */
export function listenFetch(
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>,
  maxHeaderSize?: number,
): Promise<TestServer> {
  return listen(getRequestListener(fetch, { hostname: '127.0.0.1' }), maxHeaderSize);
}
