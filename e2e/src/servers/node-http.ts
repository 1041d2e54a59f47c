import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { withCors } from '@corsica/cors-node-http';
import type { RequestLog } from './request-log.ts';
import type { AdapterServer } from './test-app.ts';
import {
  HANDLER_BODY,
  handlerFailure,
  RESPONSE_HEADERS,
  routeOf,
  SET_COOKIE,
  serveOnLoopback,
} from './test-app.ts';

/** The test application as a plain request listener wrapped in `withCors`. */
export const nodeHttpServer: AdapterServer = {
  name: 'node-http',
  start(policy, log) {
    return serveOnLoopback(createServer(withCors(policy, testApplication(log))), log);
  },
};

function testApplication(log: RequestLog) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? '/';
    const route = routeOf(url.split('?')[0] ?? '/');
    try {
      if (route === 'missing') {
        response.statusCode = 404;
        response.end('not found');
        return;
      }
      log.handled(request.method ?? '', url, request.headers.cookie);
      if (route === 'throw') throw handlerFailure();
      if (route === 'headers') response.setHeaders(new Map(Object.entries(RESPONSE_HEADERS)));
      if (route === 'cookie') response.appendHeader('set-cookie', SET_COOKIE);
      response.end(HANDLER_BODY);
    } catch {
      // node:http has no error handling of its own: this is the app's. The CORS headers set before
      // the listener ran stay on the 500.
      response.statusCode = 500;
      response.end('internal error');
    }
  };
}
