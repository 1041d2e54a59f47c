import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import type { Cors } from '@corsica/cors-core';
import type { ExchangeLog } from '../exchanges.ts';
import type { AdapterId, AdapterInfo } from '../page/types.ts';

/**
 * The application every API server runs, in its framework's idiom, with Corsica installed
 * app-wide as the adapter's README says: any method on `/:adapter/:revision/:preset` answers
 * 200 with what the handler saw, plus two response headers (one the default policy exposes, one
 * it does not). Anything else is the framework's own 404.
 */
export interface ApiAnswer {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

let answered = 0;

/** What the handler reads of the request node received. */
type ReceivedRequest = Pick<IncomingMessage, 'method' | 'url' | 'headers'>;

/** What the handler answers. */
export function apiAnswer(adapter: AdapterId, policy: Cors, request: ReceivedRequest): ApiAnswer {
  answered += 1;
  return {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': `req-${answered}`,
      'x-internal-trace': `trace-${answered}`,
      // Every send must reach the server (or its preflight cache), never the HTTP cache.
      'cache-control': 'no-store',
    },
    body: JSON.stringify({
      adapter,
      method: request.method,
      path: request.url,
      revision: policy.revision,
      cookie: request.headers.cookie ?? null,
    }),
  };
}

/** The route every server declares, in the syntax most routers share. */
export const API_ROUTE = '/:adapter/:revision/:preset';

/** What a server needs to start. */
export interface StartContext {
  /** The compiled policy this server holds: `reconfigure` on it reaches the adapter. */
  readonly policy: Cors;
  readonly port: number;
  readonly log: ExchangeLog;
}

/** A listening API server. */
export interface RunningApi {
  readonly port: number;
  close(): Promise<void>;
}

/** One adapter's API server. */
export interface ApiServer {
  readonly info: Omit<AdapterInfo, 'url'>;
  /** The `IncomingMessage` inside what the adapter passes its policy as the request's context. */
  incomingOf(context: unknown): IncomingMessage | undefined;
  start(context: StartContext): Promise<RunningApi>;
}

/** `port` if nothing listens on it on loopback (IPv4 and IPv6: Chromium may try either for `localhost`), else 0. */
export async function freePortOr(port: number): Promise<number> {
  if (port === 0) return 0;
  const free = async (host: string): Promise<boolean> =>
    new Promise((resolve) => {
      const probe = createServer();
      probe.once('error', (error: NodeJS.ErrnoException) =>
        // No IPv6 on this machine: nothing can listen there either.
        resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'),
      );
      probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
    });
  return (await free('127.0.0.1')) && (await free('::1')) ? port : 0;
}

/** The port a listening server got. */
export function portOf(address: ReturnType<import('node:net').Server['address']>): number {
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return address.port;
}
