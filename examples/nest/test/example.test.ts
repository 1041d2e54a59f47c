import { APP, corsHeadersOf, fromOrigin, preflight, send } from '@corsica/cors-testkit';
import { expect, it } from 'vitest';
import { describeExample, SESSION_API } from '../../_support/boot.ts';

for (const platform of ['express', 'fastify']) {
  const spec = {
    ...SESSION_API,
    dir: new URL('..', import.meta.url),
    command: ['node', 'dist/main.js'],
    env: { PLATFORM: platform },
  };

  describeExample(`the Nest example on ${platform}`, spec, (url) => {
    it('lets any origin read the catalogue anonymously (@Cors override)', async () => {
      const response = await send(
        url(),
        fromOrigin('https://shop.example.net', 'GET', '/api/catalog'),
      );
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': ['*'] });
    });

    it('leaves the payment webhook without CORS (@Cors(false)), preflights included', async () => {
      const response = await send(
        url(),
        preflight(APP, 'POST', '/api/webhooks/payments', {
          'Access-Control-Request-Headers': 'content-type',
        }),
      );
      expect(response.status).toBe(404);
      expect(corsHeadersOf(response)).toEqual({});
    });
  });
}
