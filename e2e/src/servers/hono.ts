import type { Server } from 'node:http';
import { cors } from '@corsica/cors-hono';
import type { HttpBindings } from '@hono/node-server';
import { createAdaptorServer } from '@hono/node-server';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AdapterServer } from './test-app.ts';
import {
  HANDLER_BODY,
  handlerFailure,
  RESPONSE_HEADERS,
  SET_COOKIE,
  serveOnLoopback,
} from './test-app.ts';

/** The test application as a Hono app with `app.use('*', cors())`, on @hono/node-server. */
export const honoServer: AdapterServer = {
  name: 'hono',
  start(policy, log) {
    const app = new Hono<{ Bindings: HttpBindings }>();
    app.use('*', cors(policy));
    const record = (c: Context): Response => {
      log.handled(c.req.method, c.env.incoming.url ?? c.req.path, c.req.header('cookie'));
      return c.text(HANDLER_BODY);
    };
    app.all('/api/*', record);
    app.all('/headers/*', (c) => {
      for (const [name, value] of Object.entries(RESPONSE_HEADERS)) c.header(name, value);
      return record(c);
    });
    app.all('/cookie/*', (c) => {
      c.header('Set-Cookie', SET_COOKIE, { append: true });
      return record(c);
    });
    app.all('/throw/*', (c) => {
      log.handled(c.req.method, c.env.incoming.url ?? c.req.path, c.req.header('cookie'));
      throw handlerFailure();
    });
    // Hono's default handler answers the same 500 but logs each error; /throw throws on purpose.
    app.onError((_error, c) => c.text('internal error', 500));
    // What `serve()` does, minus listening: serveOnLoopback listens once the log is watching.
    const server = createAdaptorServer({ fetch: app.fetch }) as Server;
    return serveOnLoopback(server, log);
  },
};
