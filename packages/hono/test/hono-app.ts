import type { CorsInput } from '@corsica/cors-core';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { cors } from '../src/index.ts';

/**
 * The kit's test application in Hono's idiom (answers through the context), behind the
 * middleware: plain Web APIs and Hono only, nothing from Node, so the same module runs unchanged
 * in every runtime that serves it (Node here, through @hono/node-server; Bun, Deno and workerd in
 * the repository's `runtimes/` package). Its routes are those of @corsica/cors-fetch's
 * `test/fetch-app.ts`; `/throw-with-headers` throws an `HTTPException` carrying its own 404, and
 * `/throw-non-error` reaches Hono's own error handler.
 */

/** The header the admin area marks its responses with (the kit's `AREA_MARKER`), and its value. */
const AREA_MARKER = 'x-corsica-area';
const AREA_ADMIN = 'admin';

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
