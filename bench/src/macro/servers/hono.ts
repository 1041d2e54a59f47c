import type { Server } from 'node:http';
import { cors as corsica } from '@corsica/cors-hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import {
  ALLOWED_HEADERS,
  ALLOWED_ORIGINS,
  corsicaPolicy,
  EXPOSED_HEADERS,
  MAX_AGE_SECONDS,
  METHODS,
  RESPONSE_TEXT,
  ROUTE_PATH,
} from '../policy.ts';
import type { StartServer } from './variant.ts';
import { HOST, listening } from './variant.ts';

export const startHono: StartServer = (variant) => {
  const app = new Hono();
  if (variant === 'peer') {
    app.use(
      '*',
      cors({
        origin: [...ALLOWED_ORIGINS],
        credentials: true,
        allowMethods: [...METHODS],
        allowHeaders: [...ALLOWED_HEADERS],
        exposeHeaders: [...EXPOSED_HEADERS],
        maxAge: MAX_AGE_SECONDS,
      }),
    );
  }
  if (variant === 'corsica') app.use('*', corsica(corsicaPolicy));
  // The shape of every middleware that acts after the handler (hono/cors, Corsica): awaits next().
  if (variant === 'passthrough') {
    app.use('*', async (_c, next) => {
      await next();
    });
  }
  // Answered through the context, the way that keeps @hono/node-server's cached-response path.
  app.get(ROUTE_PATH, (c) => c.text(RESPONSE_TEXT));
  // `serve` without serverOptions.createServer builds a node:http server.
  const server = serve({ fetch: app.fetch, port: 0, hostname: HOST }) as Server;
  return listening(server);
};
