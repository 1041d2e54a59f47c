import { connect } from 'node:http2';
import { APP } from '@corsica/cors-testkit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';

const PARTNER = 'https://partner.example.org';

describe('the fastify the plugin runs on', () => {
  it('must be fastify 5: another major refuses the plugin when it loads', async () => {
    const app = Fastify();
    // What a fastify 4 instance reports; its hooks and reply differ from those the plugin uses.
    Object.defineProperty(app, 'version', { configurable: true, get: () => '4.29.1' });
    await expect(app.register(cors, { origins: [APP] }).ready()).rejects.toMatchObject({
      code: 'FST_ERR_PLUGIN_VERSION_MISMATCH',
    });
  });
});

describe('over HTTP/2', () => {
  it('gives a preflight the config.cors of the route its :authority reaches (there is no Host)', async () => {
    const app = Fastify({ http2: true });
    await app.register(cors, { origins: [APP] });
    app.put(
      '/items',
      {
        constraints: { host: 'api.example.com' },
        config: { cors: { origins: [PARTNER], methods: ['PUT'] } },
      },
      async () => 'stored',
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const session = connect(`http://127.0.0.1:${port}`);
    try {
      const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const stream = session.request({
          ':method': 'OPTIONS',
          ':path': '/items',
          ':authority': 'api.example.com',
          origin: PARTNER,
          'access-control-request-method': 'PUT',
        });
        stream.on('response', (received) => {
          stream.resume();
          stream.on('end', () => resolve(received));
        });
        stream.on('error', reject);
        stream.end();
      });
      expect({
        status: headers[':status'],
        allowOrigin: headers['access-control-allow-origin'],
        allowMethods: headers['access-control-allow-methods'],
      }).toStrictEqual({ status: 204, allowOrigin: PARTNER, allowMethods: 'PUT' });
    } finally {
      session.close();
      await app.close();
    }
  });
});
