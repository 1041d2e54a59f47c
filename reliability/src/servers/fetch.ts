import type { Server } from 'node:http';
import { withCors } from '@corsica/cors-fetch';
import { createAdaptorServer } from '@hono/node-server';
import { policies } from '../policies.ts';
import type { AdapterServer } from './types.ts';
import { isApiPath, listenOnLoopback, OK_BODY, serverOptions } from './types.ts';

/** A fetch handler wrapped in `withCors`, served by @hono/node-server. */
export const fetchServer: AdapterServer = {
  id: 'fetch',
  name: 'fetch withCors (@hono/node-server)',
  start({ policy, maxHeaderSize, cors = true }) {
    const fetch = cors ? withCors(policies[policy].options, handler) : handler;
    const server = createAdaptorServer({
      fetch,
      serverOptions: serverOptions(maxHeaderSize),
    }) as Server;
    return listenOnLoopback(server);
  },
};

function handler(request: Request): Response {
  const { pathname } = new URL(request.url);
  if (isApiPath(pathname)) return new Response(OK_BODY);
  return new Response('not found', { status: 404 });
}
