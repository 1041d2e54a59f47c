import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from '@corsica/cors-testkit';
import type Koa from 'koa';

/** The koa 3 and koa 2 application classes, which the tests run side by side. */
export type KoaClass = typeof Koa;

/** Serves a koa app on 127.0.0.1, on an ephemeral port. */
export async function serve(app: Koa, maxHeaderSize?: number): Promise<TestServer> {
  const server = createServer(maxHeaderSize === undefined ? {} : { maxHeaderSize }, app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
