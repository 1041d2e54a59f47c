import cors from '@corsica/cors-hapi';
import type { Lifecycle, Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Hapi from '@hapi/hapi';
import type { AdapterServer } from './test-app.ts';
import { apiUrl, HANDLER_BODY, handlerFailure, RESPONSE_HEADERS, SET_COOKIE } from './test-app.ts';

/** The test application as a hapi 21 server, with the plugin registered before any route. */
export const hapiServer: AdapterServer = {
  name: 'hapi',
  async start(policy, log) {
    // hapi prints the stack of every 500 under its default `debug`; /throw throws on purpose.
    const server = Hapi.server({ host: '127.0.0.1', port: 0, debug: false });
    log.watch(server.listener);
    await server.register({ plugin: cors, options: policy });

    const record = (request: Request): void => {
      const { method, url } = request.raw.req;
      log.handled(method ?? '', url ?? '', request.raw.req.headers.cookie);
    };
    const route = (
      prefix: string,
      answer: (request: Request, h: ResponseToolkit) => Lifecycle.ReturnValue,
    ): ServerRoute => ({
      method: '*',
      path: `${prefix}/{rest*}`,
      // Any body and content type reaches the handler, unparsed; cookies are read raw.
      options: { payload: { parse: false }, state: { parse: false } },
      handler: (request, h) => {
        record(request);
        return answer(request, h);
      },
    });
    server.route([
      route('/api', () => HANDLER_BODY),
      route('/headers', (_request, h) => {
        const response = h.response(HANDLER_BODY);
        for (const [name, value] of Object.entries(RESPONSE_HEADERS)) response.header(name, value);
        return response;
      }),
      route('/cookie', (_request, h) => h.response(HANDLER_BODY).header('set-cookie', SET_COOKIE)),
      route('/throw', () => {
        throw handlerFailure();
      }),
    ]);

    await server.start();
    const address = server.listener.address();
    if (address === null || typeof address === 'string') throw new Error('not a TCP server');
    return {
      url: apiUrl(address.port),
      close: async () => {
        server.listener.closeAllConnections();
        await server.stop();
      },
    };
  },
};
