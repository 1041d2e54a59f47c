import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';

/**
 * The kit's test application as a plain fetch handler, the way Workers, Bun or Deno code routes:
 * plain Web APIs only, nothing from Node, so the same module runs unchanged in every runtime that
 * serves it (Node here, through @hono/node-server; Bun, Deno and workerd in the repository's
 * `runtimes/` package). The Hono idiom of the same application is @corsica/cors-hono's
 * `test/hono-app.ts`.
 *
 * | route | behaviour |
 * |---|---|
 * | any method, `/api/*` | 200, body `ran`, header `x-corsica-handler: ran` |
 * | `GET /get-only` | the same, for GET only (HEAD too) |
 * | any method, `/vary` | adds `Accept-Encoding` to `Vary`, then answers as `/api/*` |
 * | any method, `/vary-replaced` | sets `Vary: Accept-Encoding`, replacing it, then answers as `/api/*` |
 * | any method, `/throw` | throws an `Error` |
 * | any method, `/throw-with-headers` | a 404 carrying `Vary: Accept-Language` |
 * | any method, `/throw-non-error` | throws the string `'boom'` (the fetch handler catches it and answers 500 itself) |
 * | any method, `/admin` and below | the admin area: answers as `/api/*`, plus `x-corsica-area: admin` |
 * | anything else | 404 |
 *
 * (The kit's table is in packages/testkit/src/harness.ts.)
 */

/** The header the admin area marks its responses with (the kit's `AREA_MARKER`), and its value. */
const AREA_MARKER = 'x-corsica-area';
const AREA_ADMIN = 'admin';

function ran(headers: Record<string, string> = {}): Response {
  return new Response(HANDLER_RAN, { headers: { [HANDLER_MARKER]: HANDLER_RAN, ...headers } });
}

function isAdminArea(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

/** The application as a plain fetch handler. */
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
