import type { FetchHandler } from './app.ts';
import { controlHandler } from './protocol.ts';

/**
 * Run by Deno (`deno run --conditions=@corsica/source --allow-net=127.0.0.1 deno-server.ts`): a
 * control endpoint on 127.0.0.1 that starts one `Deno.serve` per case, serving the entry point as
 * Deno users do, `Deno.serve(withCors(policy, app))`. Prints `{"control":<port>}` once it listens,
 * and exits when its standard input closes (the Node test process ended).
 */

interface DenoServer {
  readonly addr: { readonly port: number };
  shutdown(): Promise<void>;
}

declare const Deno: {
  serve(
    options: { hostname: string; port: number; onListen(addr: { port: number }): void },
    handler: FetchHandler,
  ): DenoServer;
  readonly stdin: { readonly readable: AsyncIterable<Uint8Array> };
  readonly version: { readonly deno: string };
  exit(code: number): never;
};

function listen(handler: FetchHandler): { port: number; close(): Promise<void> } {
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, handler);
  return { port: server.addr.port, close: () => server.shutdown() };
}

Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ port }) =>
      console.log(JSON.stringify({ control: port, version: Deno.version.deno })),
  },
  controlHandler(listen),
);

for await (const _ of Deno.stdin.readable);
Deno.exit(0);
