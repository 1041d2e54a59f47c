import { createServer } from 'node:http';
import type { CorsInput } from '@corsica/cors-core';
import type { TestServer } from '@corsica/cors-testkit';
import {
  AREA_ADMIN,
  AREA_MARKER,
  HANDLER_MARKER,
  HANDLER_RAN,
  started,
} from '@corsica/cors-testkit';
import Boom from '@hapi/boom';
import type { Request, ResponseObject, ResponseToolkit, Server, ServerOptions } from '@hapi/hapi';
import Hapi from '@hapi/hapi';
import { cors } from '../src/index.ts';

const ran = (_request: Request, h: ResponseToolkit): ResponseObject =>
  h.response(HANDLER_RAN).header(HANDLER_MARKER, HANDLER_RAN);

/** Routes that take any method accept any body and content type, unparsed. */
const anyBody = { payload: { parse: false } } as const;

/** A hapi server on a Node server with the header limit the kit asks for, not yet started. */
export function hapiServer(maxHeaderSize: number | undefined, options: ServerOptions = {}): Server {
  const listener = maxHeaderSize === undefined ? createServer() : createServer({ maxHeaderSize });
  return Hapi.server({ host: '127.0.0.1', port: 0, listener, ...options });
}

/** Starts `server` and gives the kit its URL; closing drops the connections the kit keeps alive. */
export async function serve(server: Server): Promise<TestServer> {
  await server.start();
  const { url } = await started(server.listener);
  return {
    url,
    close: async () => {
      server.listener.closeAllConnections();
      await server.stop();
    },
  };
}

/** The kit's test application, as a hapi user writes it: the plugin registered before the routes. */
export async function testApplication(server: Server, policy: CorsInput<Request>): Promise<Server> {
  await server.register({ plugin: cors, options: policy });
  server.route([
    { method: '*', path: '/api/{rest*}', options: anyBody, handler: ran },
    { method: 'GET', path: '/get-only', handler: ran },
    {
      method: '*',
      path: '/vary',
      options: anyBody,
      handler: (request, h) => ran(request, h).vary('Accept-Encoding'),
    },
    {
      method: '*',
      path: '/vary-replaced',
      options: anyBody,
      handler: (request, h) => {
        const response = ran(request, h);
        // hapi's own `header('vary', …)` appends; an app replaces by assigning.
        response.headers['vary'] = 'Accept-Encoding';
        return response;
      },
    },
    {
      method: '*',
      path: '/throw',
      options: anyBody,
      handler: () => {
        throw new Error('handler failure');
      },
    },
    {
      method: '*',
      path: '/throw-with-headers',
      options: anyBody,
      handler: () => {
        const error = Boom.notFound('gone');
        error.output.headers['Vary'] = 'Accept-Language';
        throw error;
      },
    },
    {
      method: '*',
      path: '/throw-non-error',
      options: anyBody,
      handler: () => {
        throw 'boom';
      },
    },
    ...['/admin', '/admin/{rest*}'].map((path) => ({
      method: '*' as const,
      path,
      options: anyBody,
      handler: (request: Request, h: ResponseToolkit) =>
        ran(request, h).header(AREA_MARKER, AREA_ADMIN),
    })),
  ]);
  return server;
}
