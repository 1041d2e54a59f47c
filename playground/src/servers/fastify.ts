import { IncomingMessage } from 'node:http';
import cors from '@corsica/cors-fastify';
import Fastify from 'fastify';
import type { ApiServer } from './api.ts';
import { API_ROUTE, apiAnswer, portOf } from './api.ts';

/** fastify 5 with `app.register(cors, policy)` before any route. */
export const fastifyServer: ApiServer = {
  info: { id: 'fastify', name: 'fastify', packageName: '@corsica/cors-fastify' },
  // The adapter passes fastify's `request`; `request.raw` is node's.
  incomingOf: (context) => {
    const raw = (context as { raw?: unknown } | undefined)?.raw;
    return raw instanceof IncomingMessage ? raw : undefined;
  },
  async start({ policy, port, log }) {
    const app = Fastify({ logger: false });
    log.watch(app.server, 'fastify');
    // fastify answers 415 to bodies it has no parser for: forms and multipart must reach the
    // handler like on the other servers.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    await app.register(cors, policy);
    app.all(API_ROUTE, async (request, reply) => {
      log.reachedHandler(request.raw);
      const answer = apiAnswer('fastify', policy, request.raw);
      reply.headers(answer.headers);
      return answer.body;
    });
    await app.listen({ host: '127.0.0.1', port });
    return {
      port: portOf(app.server.address()),
      close: async () => {
        app.server.closeAllConnections();
        await app.close();
      },
    };
  },
};
