import type { ApiServer } from './api.ts';
import { expressServer } from './express.ts';
import { fastifyServer } from './fastify.ts';
import { honoServer } from './hono.ts';
import { koaServer } from './koa.ts';
import { nestExpressServer, nestFastifyServer } from './nest.ts';
import { nodeHttpServer } from './node-http.ts';

/** Every API server, in port order: the page's port plus one, plus two… */
export const apiServers: readonly ApiServer[] = [
  expressServer,
  koaServer,
  fastifyServer,
  nodeHttpServer,
  honoServer,
  nestExpressServer,
  nestFastifyServer,
];
