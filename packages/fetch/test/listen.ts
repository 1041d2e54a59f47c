import type { TestServer } from '@corsica/cors-testkit';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { serve } from '@hono/node-server';

/** A fetch handler served by @hono/node-server on 127.0.0.1 and an ephemeral port. */
export function listen(
  fetch: (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>,
  maxHeaderSize?: number,
): Promise<TestServer> {
  return new Promise((resolve) => {
    const serverOptions = maxHeaderSize === undefined ? {} : { maxHeaderSize };
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1', serverOptions }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
