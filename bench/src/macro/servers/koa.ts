import { cors as corsica } from '@corsica/cors-koa';
import cors from '@koa/cors';
import Koa from 'koa';
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

export const startKoa: StartServer = (variant) => {
  const app = new Koa();
  // Koa logs every error, and a load generator that stops closes sockets with responses in flight.
  app.silent = true;
  if (variant === 'peer') {
    app.use(
      cors({
        // @koa/cors takes one origin or a function: a list becomes a lookup that echoes a listed
        // Origin and returns '' (no CORS headers) for any other.
        origin: (ctx) => {
          const origin = ctx.get('Origin');
          return ALLOWED_ORIGINS.includes(origin) ? origin : '';
        },
        credentials: true,
        allowMethods: [...METHODS],
        allowHeaders: [...ALLOWED_HEADERS],
        exposeHeaders: [...EXPOSED_HEADERS],
        maxAge: MAX_AGE_SECONDS,
      }),
    );
  }
  if (variant === 'corsica') app.use(corsica(corsicaPolicy));
  // One GET route without a router, as the other apps have: anything else falls to Koa's 404.
  app.use((ctx) => {
    if (ctx.method === 'GET' && ctx.path === ROUTE_PATH) ctx.body = RESPONSE_TEXT;
  });
  return listening(app.listen(0, HOST));
};
