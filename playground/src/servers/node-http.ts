import { createServer, IncomingMessage } from 'node:http';
import { withCors } from '@corsica/cors-node-http';
import type { ApiServer } from './api.ts';
import { apiAnswer } from './api.ts';
import { serveNode } from './node-server.ts';

/** `/:adapter/:revision/:preset`, for node:http, which has no router. */
const API_PATH = /^\/[^/?#]+\/[^/?#]+\/[^/?#]+(?:[?#]|$)/;

/** A plain `node:http` listener wrapped in `withCors(policy, listener)`. */
export const nodeHttpServer: ApiServer = {
  info: { id: 'node-http', name: 'node:http', packageName: '@corsica/cors-node-http' },
  incomingOf: (context) => (context instanceof IncomingMessage ? context : undefined),
  start({ policy, port, log }) {
    const listener = withCors(policy, (request, response) => {
      if (!API_PATH.test(request.url ?? '')) {
        response.statusCode = 404;
        response.end('not found');
        return;
      }
      log.reachedHandler(request);
      const answer = apiAnswer('node-http', policy, request);
      for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
      response.end(answer.body);
    });
    const server = createServer(listener);
    log.watch(server, 'node-http');
    return serveNode(server, port);
  },
};
