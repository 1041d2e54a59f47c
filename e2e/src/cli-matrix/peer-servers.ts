import { createServer } from 'node:http';
import type { FastifyCorsOptions } from '@fastify/cors';
import fastifyCors from '@fastify/cors';
import type { CorsOptions as ExpressCorsOptions } from 'cors';
import cors from 'cors';
import express from 'express';
import Fastify from 'fastify';
import type { RunningServer } from '../servers/test-app.ts';
import { apiUrl, HANDLER_BODY, serveOnLoopback } from '../servers/test-app.ts';

/**
 * The two CORS packages most apps use, installed as their READMEs say, in front of the test
 * application's `/api/…` route (any method, 200 `ran`).
 */

/** `app.use(cors(options))` on Express 5. */
export function startCorsOnExpress(options: ExpressCorsOptions): Promise<RunningServer> {
  const app = express();
  app.set('env', 'test');
  app.use(cors(options));
  app.all('/api/*rest', (_request, response) => {
    response.send(HANDLER_BODY);
  });
  return serveOnLoopback(createServer(app));
}

/** `app.register(fastifyCors, options)` on fastify 5. */
export async function startFastifyCors(options: FastifyCorsOptions): Promise<RunningServer> {
  const app = Fastify({ logger: false });
  await app.register(fastifyCors, options);
  app.all('/api/*', async () => HANDLER_BODY);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return {
    url: apiUrl(address.port),
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
