import type { TestServer } from '@corsica/cors-testkit';
import { started } from '@corsica/cors-testkit';
import type { FastifyInstance } from 'fastify';

/**
 * How the testkit's `exchange` starts a fastify app: `app.listen` on 127.0.0.1 at an ephemeral
 * port (so `ready()` runs, and rejects, as in production), closed with `app.close()`.
 */
export function serving(app: FastifyInstance): () => Promise<TestServer> {
  return async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { ...(await started(app.server)), close: () => app.close() };
  };
}
