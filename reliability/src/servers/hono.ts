import type { Server } from 'node:http';
import { cors } from '@corsica/cors-hono';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { policies } from '../policies.ts';
import type { AdapterServer } from './types.ts';
import { listenOnLoopback, OK_BODY, serverOptions } from './types.ts';

/** A Hono app with `app.use('*', cors())` before its routes, on @hono/node-server. */
export const honoServer: AdapterServer = {
  id: 'hono',
  name: 'hono middleware (@hono/node-server)',
  start({ policy, maxHeaderSize, cors: withCors = true }) {
    const app = new Hono();
    if (withCors) app.use('*', cors(policies[policy].options));
    app.all('/api', (c) => c.text(OK_BODY));
    app.all('/api/*', (c) => c.text(OK_BODY));
    const server = createAdaptorServer({
      fetch: app.fetch,
      serverOptions: serverOptions(maxHeaderSize),
    }) as Server;
    return listenOnLoopback(server);
  },
};
