import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdapterHarness } from '@corsica/cors-testkit';
import { HANDLER_MARKER, HANDLER_RAN, listen } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import { withCors } from '../src/index.ts';

/**
 * The kit's test application, as a plain node:http listener. node:http has no router and no error
 * handling: the app compares paths literally (so `/ADMIN`, `/admin;x` are not the admin area), and
 * catches what its handlers throw, `/throw-non-error`'s string included, answering 500 itself.
 */
function app(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?')[0] as string;
  const ran = (): void => {
    response.setHeader(HANDLER_MARKER, HANDLER_RAN);
    response.end(HANDLER_RAN);
  };
  try {
    if (path.startsWith('/api/')) {
      ran();
    } else if (path === '/get-only' && (request.method === 'GET' || request.method === 'HEAD')) {
      ran();
    } else if (path === '/vary') {
      response.appendHeader('vary', 'Accept-Encoding');
      ran();
    } else if (path === '/vary-replaced') {
      response.setHeader('Vary', 'Accept-Encoding');
      ran();
    } else if (path === '/throw') {
      throw new Error('handler failure');
    } else if (path === '/throw-with-headers') {
      // No error objects here: an app answers the error itself, its headers given to writeHead.
      response.writeHead(404, { Vary: 'Accept-Language' });
      response.end('gone');
    } else if (path === '/throw-non-error') {
      throw 'boom';
    } else if (path === '/admin' || path.startsWith('/admin/')) {
      response.setHeader('x-corsica-area', 'admin');
      ran();
    } else {
      response.statusCode = 404;
      response.end('not found');
    }
  } catch {
    // node:http has no error handling of its own; this is the app's. CORS headers set earlier stay.
    response.statusCode = 500;
    response.end('internal error');
  }
}

const harness: AdapterHarness = {
  name: 'node:http',
  hostOf: (req) => (req as IncomingMessage).headers.host,
  start: async (cors, { maxHeaderSize }) => listen(withCors(cors, app), maxHeaderSize),
};

describeConformance(harness);
