import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { withCors } from '@corsica/cors-node-http';
import { corsicaPolicy, RESPONSE_TEXT, ROUTE_PATH } from '../policy.ts';
import type { StartServer } from './variant.ts';
import { HOST, listening } from './variant.ts';

/** One GET route, as the framework apps have; anything else is a 404. */
function route(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === 'GET' && req.url === ROUTE_PATH) {
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(RESPONSE_TEXT);
    return;
  }
  res.statusCode = 404;
  res.end();
}

export const startNodeHttp: StartServer = (variant) => {
  if (variant === 'peer')
    throw new Error('plain node:http has no peer CORS package to compare with');
  const server = createServer(variant === 'corsica' ? withCors(corsicaPolicy, route) : route);
  return listening(server.listen(0, HOST));
};
