import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterHarness } from '@corsica/cors-testkit';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
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
  async start(cors, { maxHeaderSize }) {
    const server = createServer(
      maxHeaderSize === undefined ? {} : { maxHeaderSize },
      withCors(cors, app),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
};

describeConformance(harness);
