import { cors as corsica } from '@corsica/cors-fastify';
import cors from '@fastify/cors';
import Fastify from 'fastify';
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
import { HOST } from './variant.ts';

export const startFastify: StartServer = async (variant) => {
  const app = Fastify();
  if (variant === 'peer') {
    await app.register(cors, {
      origin: [...ALLOWED_ORIGINS],
      credentials: true,
      methods: [...METHODS],
      allowedHeaders: [...ALLOWED_HEADERS],
      exposedHeaders: [...EXPOSED_HEADERS],
      maxAge: MAX_AGE_SECONDS,
    });
  }
  if (variant === 'corsica') await app.register(corsica, corsicaPolicy);
  app.get(ROUTE_PATH, async () => RESPONSE_TEXT);
  await app.listen({ port: 0, host: HOST });
  return app.server;
};
