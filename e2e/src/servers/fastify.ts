import cors from '@corsica/cors-fastify';
import type { FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import type { AdapterServer } from './test-app.ts';
import { apiUrl, HANDLER_BODY, handlerFailure, RESPONSE_HEADERS, SET_COOKIE } from './test-app.ts';

/** The test application as a fastify 5 app, with the plugin registered before any route. */
export const fastifyServer: AdapterServer = {
  name: 'fastify',
  async start(policy, log) {
    const app = Fastify({ logger: false });
    log.watch(app.server);
    // fastify parses only JSON and text bodies and answers 415 to the rest: forms and multipart
    // must reach the handler like anywhere else.
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    await app.register(cors, policy);

    const record = (request: FastifyRequest): void => {
      log.handled(request.method, request.url, request.headers.cookie);
    };
    app.all('/api/*', async (request) => {
      record(request);
      return HANDLER_BODY;
    });
    app.all('/headers/*', async (request, reply) => {
      record(request);
      reply.headers(RESPONSE_HEADERS);
      return HANDLER_BODY;
    });
    app.all('/cookie/*', async (request, reply) => {
      record(request);
      reply.header('set-cookie', SET_COOKIE);
      return HANDLER_BODY;
    });
    app.all('/throw/*', async (request) => {
      record(request);
      throw handlerFailure();
    });

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
  },
};
