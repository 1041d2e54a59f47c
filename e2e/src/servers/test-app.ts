import type { Server } from 'node:http';
import type { Policy } from '../policies.ts';
import type { RequestLog } from './request-log.ts';

/**
 * The application every adapter serves, each in its framework's own idiom, with Corsica installed
 * app-wide the way the adapter's README says:
 *
 * | route | behaviour |
 * |---|---|
 * | any method, `/api/…` | records the request (with its Cookie header), answers 200 `ran` |
 * | any method, `/headers/…` | the same, plus the response headers in `RESPONSE_HEADERS` |
 * | any method, `/cookie/…` | the same, plus `Set-Cookie: SESSION_COOKIE` |
 * | any method, `/throw/…` | records the request, then throws: the framework's own 500 |
 * | anything else | the framework's own 404 |
 *
 * Handlers accept any body and content type, so what a scenario sends never changes the status.
 */
export const HANDLER_BODY = 'ran';

/** Response headers for exposure checks: one the policies expose, one they never do, one safelisted. */
export const RESPONSE_HEADERS = {
  'x-request-id': 'req-42',
  'x-internal-trace': 'trace-7',
  'content-language': 'en',
} as const;

/** The cookie `/cookie/…` sets. SameSite=Lax: sent on same-site requests, like a real session. */
export const SESSION_COOKIE = { name: 'corsica_session', value: 'from-server' } as const;
export const SET_COOKIE = `${SESSION_COOKIE.name}=${SESSION_COOKIE.value}; Path=/; SameSite=Lax`;

/** What each route of the test application does, so adapters share one reading of a path. */
export type TestRoute = 'api' | 'headers' | 'cookie' | 'throw' | 'missing';

/** The route a request path falls under (for node:http, which has no router). */
export function routeOf(path: string): TestRoute {
  const first = path.split('/')[1];
  return first === 'api' || first === 'headers' || first === 'cookie' || first === 'throw'
    ? first
    : 'missing';
}

/** The error `/throw/…` throws, left to the framework's own error handling. */
export function handlerFailure(): Error {
  return new Error('handler failure (on purpose: the scenario reads the 500)');
}

/** A running API server; `url` uses `localhost`, a different host from the page's `127.0.0.1`. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** One adapter, able to serve the test application under a policy. */
export interface AdapterServer {
  /** As printed in the summary: `express`, `nest on fastify`… */
  readonly name: string;
  /** Starts the test application on 127.0.0.1; every request it gets goes to `log`. */
  start(policy: Policy, log: RequestLog): Promise<RunningServer>;
}

/** The URL scenarios call for a server listening on 127.0.0.1 at `port`. */
export function apiUrl(port: number): string {
  return `http://localhost:${port}`;
}

/**
 * Listens on 127.0.0.1 at an ephemeral port, with `log` watching, for adapters that hand over a
 * plain `node:http` server. Closing drops idle keep-alive connections the browser still holds.
 */
export async function serveOnLoopback(server: Server, log?: RequestLog): Promise<RunningServer> {
  log?.watch(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return {
    url: apiUrl(address.port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
