import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from '@corsica/cors-testkit';

/** Serves `app` on 127.0.0.1 at an ephemeral port, with Node's header limit unless one is given. */
export async function listen(
  app: RequestListener,
  maxHeaderSize?: number | undefined,
): Promise<TestServer> {
  const server =
    maxHeaderSize === undefined ? createServer(app) : createServer({ maxHeaderSize }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
