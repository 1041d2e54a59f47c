import type { AdapterId, AdapterServer } from './types.ts';

export type { AdapterId, AdapterServer, RunningServer, StartOptions } from './types.ts';
export {
  ADAPTER_IDS,
  isAdapterId,
  NODE_DEFAULT_MAX_HEADER_SIZE,
  OK_BODY,
  RAISED_MAX_HEADER_SIZE,
} from './types.ts';

/**
 * Each adapter's server, loaded on demand: a process runs only the framework it serves, and an
 * adapter that fails to load fails alone.
 */
const loaders: Readonly<Record<AdapterId, () => Promise<AdapterServer>>> = {
  express: async () => (await import('./express.ts')).expressServer,
  koa: async () => (await import('./koa.ts')).koaServer,
  fastify: async () => (await import('./fastify.ts')).fastifyServer,
  'node-http': async () => (await import('./node-http.ts')).nodeHttpServer,
  fetch: async () => (await import('./fetch.ts')).fetchServer,
  hono: async () => (await import('./hono.ts')).honoServer,
  'nest-express': async () => (await import('./nest.ts')).nestExpressServer,
  'nest-fastify': async () => (await import('./nest.ts')).nestFastifyServer,
  hapi: async () => (await import('./hapi.ts')).hapiServer,
};

export function loadAdapter(id: AdapterId): Promise<AdapterServer> {
  return loaders[id]();
}
