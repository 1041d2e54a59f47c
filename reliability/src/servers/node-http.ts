import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { withCors } from '@corsica/cors-node-http';
import { policies } from '../policies.ts';
import type { AdapterServer } from './types.ts';
import { isApiPath, listenOnLoopback, OK_BODY, serverOptions } from './types.ts';

/** A plain `node:http` listener wrapped in `withCors`. */
export const nodeHttpServer: AdapterServer = {
  id: 'node-http',
  name: 'node:http withCors',
  start({ policy, maxHeaderSize, cors = true }) {
    const listener = cors ? withCors(policies[policy].options, application) : application;
    return listenOnLoopback(createServer(serverOptions(maxHeaderSize), listener));
  },
};

function application(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (isApiPath(path)) {
    response.end(OK_BODY);
    return;
  }
  response.statusCode = 404;
  response.end('not found');
}
