import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from '@corsica/cors-testkit';

/** Serves a Node request listener on 127.0.0.1 at an ephemeral port. */
export async function listen(
  listener: RequestListener,
  maxHeaderSize: number,
): Promise<TestServer> {
  const server = createServer({ maxHeaderSize }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
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
