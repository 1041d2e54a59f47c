import type { Server } from 'node:http';
import type { RunningApi } from './api.ts';
import { portOf } from './api.ts';

/** Listens on 127.0.0.1, for frameworks that hand over a `node:http` server. */
export async function serveNode(server: Server, port: number): Promise<RunningApi> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: portOf(server.address()),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The browser keeps idle connections open; they would hold close() for minutes.
        server.closeAllConnections();
      }),
  };
}
