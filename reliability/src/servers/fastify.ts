import cors from '@corsica/cors-fastify';
import Fastify from 'fastify';
import { policies } from '../policies.ts';
import type { AdapterServer } from './types.ts';
import { closeServer, OK_BODY, running, serverOptions } from './types.ts';

/** fastify 5, the plugin registered (awaited) on the root instance before any route. */
export const fastifyServer: AdapterServer = {
  id: 'fastify',
  name: 'fastify 5',
  async start({ policy, maxHeaderSize, cors: withCors = true }) {
    const app = Fastify({ logger: false, http: serverOptions(maxHeaderSize) });
    // fastify answers 415 to bodies it has no parser for; the fuzz's requests have none, but a
    // stray Content-Type must not turn into a different outcome than on the other adapters.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    if (withCors) await app.register(cors, policies[policy].options);
    const ok = async () => OK_BODY;
    app.all('/api', ok);
    app.all('/api/*', ok);
    await app.listen({ host: '127.0.0.1', port: 0 });
    return running(app.server, async () => {
      await closeServer(app.server);
      await app.close();
    });
  },
};
