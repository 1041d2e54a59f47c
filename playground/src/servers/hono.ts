import type { Server } from 'node:http';
import { IncomingMessage } from 'node:http';
import { cors } from '@corsica/cors-hono';
import type { HttpBindings } from '@hono/node-server';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { ApiServer } from './api.ts';
import { API_ROUTE, apiAnswer } from './api.ts';
import { serveNode } from './node-server.ts';

/** Hono with `app.use('*', cors(policy))` from `@corsica/cors-hono`, on @hono/node-server. */
export const honoServer: ApiServer = {
  info: { id: 'hono', name: 'Hono', packageName: '@corsica/cors-hono' },
  // The adapter passes Hono's `c`; on @hono/node-server, `c.env.incoming` is node's request.
  incomingOf: (context) => {
    const incoming = (context as { env?: { incoming?: unknown } } | undefined)?.env?.incoming;
    return incoming instanceof IncomingMessage ? incoming : undefined;
  },
  start({ policy, port, log }) {
    const app = new Hono<{ Bindings: HttpBindings }>();
    app.use('*', cors(policy));
    app.all(API_ROUTE, (c) => {
      log.reachedHandler(c.env.incoming);
      const answer = apiAnswer('hono', policy, c.env.incoming);
      return c.body(answer.body, 200, answer.headers);
    });
    // What `serve()` does, minus listening: serveNode listens once the log is watching.
    const server = createAdaptorServer({ fetch: app.fetch }) as Server;
    log.watch(server, 'hono');
    return serveNode(server, port);
  },
};
