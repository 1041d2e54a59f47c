import { expressServer } from './express.ts';
import { fastifyServer } from './fastify.ts';
import { hapiServer } from './hapi.ts';
import { honoServer } from './hono.ts';
import { koaServer } from './koa.ts';
import { nestExpressServer } from './nest-express.ts';
import { nestFastifyServer } from './nest-fastify.ts';
import { nodeHttpServer } from './node-http.ts';
import type { AdapterServer } from './test-app.ts';

/** Every adapter the suite runs, in the order the summary prints them. */
export const adapterServers: readonly AdapterServer[] = [
  expressServer,
  koaServer,
  fastifyServer,
  nodeHttpServer,
  honoServer,
  nestExpressServer,
  nestFastifyServer,
  hapiServer,
];
