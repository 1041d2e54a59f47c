import { createServer } from 'node:http';
import cors from '@corsica/cors-hapi';
import Hapi from '@hapi/hapi';
import { policies } from '../policies.ts';
import type { AdapterServer } from './types.ts';
import { closeServer, OK_BODY, running, serverOptions } from './types.ts';

/** hapi 21 on a Node server of ours (for its header limit), the plugin registered before routes. */
export const hapiServer: AdapterServer = {
  id: 'hapi',
  name: 'hapi 21',
  async start({ policy, maxHeaderSize, cors: withCors = true }) {
    const listener = createServer(serverOptions(maxHeaderSize));
    const server = Hapi.server({ host: '127.0.0.1', port: 0, listener });
    if (withCors) await server.register({ plugin: cors, options: policies[policy].options });
    // Any method, any body: the fuzz sends Content-Type on bodiless requests.
    const ok = {
      method: '*',
      options: { payload: { parse: false } },
      handler: () => OK_BODY,
    } as const;
    server.route([
      { ...ok, path: '/api' },
      { ...ok, path: '/api/{rest*}' },
    ]);
    await server.start();
    return running(listener, async () => {
      await closeServer(listener);
      await server.stop({ timeout: 0 });
    });
  },
};
