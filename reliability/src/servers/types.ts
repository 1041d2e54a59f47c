import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PolicyId } from '../policies.ts';

export const ADAPTER_IDS = [
  'express',
  'koa',
  'fastify',
  'node-http',
  'fetch',
  'hono',
  'nest-express',
  'nest-fastify',
  'hapi',
] as const;
export type AdapterId = (typeof ADAPTER_IDS)[number];

export function isAdapterId(value: string): value is AdapterId {
  return (ADAPTER_IDS as readonly string[]).includes(value);
}

/** Node's own default, as `--max-http-header-size` leaves it: 16 KiB. */
export const NODE_DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
/** What the testkit's servers use, and the fuzz's default: 256 KiB. */
export const RAISED_MAX_HEADER_SIZE = 256 * 1024;

export interface StartOptions {
  readonly policy: PolicyId;
  /** The server's `maxHeaderSize`; Node's default when left out. */
  readonly maxHeaderSize?: number | undefined;
  /**
   * `false` starts the same application without Corsica, to tell whether an odd answer comes
   * from CORS or from the framework.
   */
  readonly cors?: boolean | undefined;
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * One adapter's application: `/api` and everything below it answers any method with 200 `ok`,
 * everything else gets the framework's own 404, and Corsica is installed app-wide as the
 * adapter's README says.
 */
export interface AdapterServer {
  readonly id: AdapterId;
  readonly name: string;
  start(options: StartOptions): Promise<RunningServer>;
}

export const OK_BODY = 'ok';

/** `/api`, `/api/` and below; never `/apix`. On the path as the application sees it. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Listens on 127.0.0.1 at an ephemeral port. */
export async function listenOnLoopback(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return running(server, () => closeServer(server));
}

export function running(server: Server, close: () => Promise<void>): RunningServer {
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}`, close };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** `http.createServer` options for a `maxHeaderSize` that may be left to Node. */
export function serverOptions(maxHeaderSize: number | undefined): { maxHeaderSize?: number } {
  return maxHeaderSize === undefined ? {} : { maxHeaderSize };
}
