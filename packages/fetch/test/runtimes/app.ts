import type { CorsInput } from '@corsica/cors-core';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import type { Context, ExecutionContext } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { cors } from '../../src/hono.ts';
import { withCors } from '../../src/index.ts';

/**
 * The kit's test application, defined once for every runtime that serves it (Bun, Deno, workerd):
 * plain Web APIs and Hono only, nothing from Node, so the same module runs unchanged in each.
 *
 * | route | behaviour |
 * |---|---|
 * | any method, `/api/*` | 200, body `ran`, header `x-corsica-handler: ran` |
 * | `GET /get-only` | the same, for GET only (HEAD too) |
 * | any method, `/vary` | adds `Accept-Encoding` to `Vary`, then answers as `/api/*` |
 * | any method, `/vary-replaced` | sets `Vary: Accept-Encoding`, replacing it, then answers as `/api/*` |
 * | any method, `/throw` | throws an `Error` |
 * | any method, `/throw-with-headers` | a 404 carrying `Vary: Accept-Language` (Hono: an `HTTPException` with its own Response) |
 * | any method, `/throw-non-error` | throws the string `'boom'` (the fetch handler catches it and answers 500 itself) |
 * | any method, `/admin` and below | the admin area: answers as `/api/*`, plus `x-corsica-area: admin` |
 * | anything else | 404 |
 *
 * (The kit's table is in packages/testkit/src/harness.ts.)
 */

/** The entry points of @corsica/cors-fetch the runtimes serve. */
export const ENTRY_POINTS = ['withCors', 'hono'] as const;
export type EntryPoint = (typeof ENTRY_POINTS)[number];

/** What `Bun.serve`, `Deno.serve` and a module worker's `fetch` are given. */
export type FetchHandler = (request: Request, ...rest: unknown[]) => Response | Promise<Response>;

/** The header the admin area marks its responses with (the kit's `AREA_MARKER`), and its value. */
const AREA_MARKER = 'x-corsica-area';
const AREA_ADMIN = 'admin';

function ran(headers: Record<string, string> = {}): Response {
  return new Response(HANDLER_RAN, { headers: { [HANDLER_MARKER]: HANDLER_RAN, ...headers } });
}

function isAdminArea(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

/** The application as a plain fetch handler, the way Workers, Bun or Deno code routes. */
export function fetchApp(request: Request): Response {
  const path = new URL(request.url).pathname;
  // A fetch handler has no error handling around it; this is the app's. withCors adds the CORS
  // headers to the 500 it returns, so the page sees the real status.
  try {
    if (path.startsWith('/api/')) return ran();
    if (path === '/get-only' && (request.method === 'GET' || request.method === 'HEAD'))
      return ran();
    if (path === '/vary' || path === '/vary-replaced') return ran({ vary: 'Accept-Encoding' });
    if (path === '/throw') throw new Error('handler failure');
    if (path === '/throw-with-headers')
      return new Response('gone', { status: 404, headers: { vary: 'Accept-Language' } });
    if (path === '/throw-non-error') throw 'boom';
    if (isAdminArea(path)) return ran({ [AREA_MARKER]: AREA_ADMIN });
    return new Response('not found', { status: 404 });
  } catch {
    return new Response('internal error', { status: 500 });
  }
}

/** The application in Hono's idiom (answers through the context), behind the Hono middleware. */
export function honoApp(policy: CorsInput<unknown>): Hono {
  const answer = (c: Context): Response => {
    c.header(HANDLER_MARKER, HANDLER_RAN);
    return c.text(HANDLER_RAN);
  };
  const app = new Hono();
  app.use('*', cors(policy));
  app.all('/api/*', answer);
  app.get('/get-only', answer);
  app.all('/vary', (c) => {
    c.header('Vary', 'Accept-Encoding', { append: true });
    return answer(c);
  });
  app.all('/vary-replaced', (c) => {
    c.header('Vary', 'Accept-Encoding');
    return answer(c);
  });
  app.all('/throw', () => {
    throw new Error('handler failure');
  });
  app.all('/throw-with-headers', () => {
    const res = new Response('gone', { status: 404, headers: { Vary: 'Accept-Language' } });
    throw new HTTPException(404, { res });
  });
  app.all('/throw-non-error', () => {
    throw 'boom';
  });
  const admin = (c: Context): Response => {
    c.header(AREA_MARKER, AREA_ADMIN);
    return answer(c);
  };
  app.all('/admin', admin);
  app.all('/admin/*', admin);
  // No app.onError: the kit checks the 500 from Hono's own error handler (which logs the error).
  return app;
}

/**
 * The application behind one entry point with `policy`, as the runtime's fetch handler. Throws the
 * core's `CorsConfigError` for an invalid policy, as the entry point does when it is built.
 */
export function corsApp(entry: EntryPoint, policy: CorsInput<unknown>): FetchHandler {
  if (entry === 'withCors') return withCors(policy, fetchApp);
  const app = honoApp(policy);
  // Bun passes the server, Deno the connection info, workerd `env, ctx`: Hono gets them as they are.
  return (request, ...rest) => app.fetch(request, rest[0], rest[1] as ExecutionContext | undefined);
}

/** How each entry point's origin predicates read Host: Hono's `c`, or `withCors`'s `{ request }`. */
export function hostReader(entry: EntryPoint): (context: unknown) => string | undefined {
  return entry === 'hono'
    ? (context) => (context as Context).req.header('host')
    : (context) => new URL((context as { request: Request }).request.url).host;
}
