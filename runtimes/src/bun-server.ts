import type { FetchHandler } from './app.ts';
import { controlHandler } from './protocol.ts';

/**
 * Run by Bun (`bun --conditions=@corsica/source run bun-server.ts`): a control endpoint on
 * 127.0.0.1 that starts one `Bun.serve` per case, serving the entry point as Bun users do,
 * `Bun.serve({ fetch: withCors(policy, app) })`. Prints `{"control":<port>}` once it listens, and
 * exits when its standard input closes (the Node test process ended).
 */

interface BunServer {
  readonly port: number;
  stop(closeActiveConnections?: boolean): Promise<void>;
}

declare const Bun: {
  serve(options: { hostname: string; port: number; fetch: FetchHandler }): BunServer;
  readonly stdin: { stream(): AsyncIterable<Uint8Array> };
  readonly version: string;
};
declare const process: { exit(code: number): never };

function listen(fetch: FetchHandler): { port: number; close(): Promise<void> } {
  const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch });
  return { port: server.port, close: () => server.stop(true) };
}

const control = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: controlHandler(listen) });
console.log(JSON.stringify({ control: control.port, version: Bun.version }));

for await (const _ of Bun.stdin.stream());
process.exit(0);
