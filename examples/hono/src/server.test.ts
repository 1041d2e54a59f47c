import { APP, fromOrigin, send } from '@corsica/cors-testkit';
import { expect, it } from 'vitest';
import { describeExample } from '../../_support/boot.ts';

const session = { Cookie: 'session=abc' };

describeExample(
  'the Hono example',
  {
    dir: new URL('..', import.meta.url),
    origin: APP,
    method: 'PUT',
    path: '/api/items/1',
    actual: { path: '/api/me', headers: session, json: { signedIn: true } },
    exposes: 'X-Request-Id',
  },
  (url) => {
    it('gives each response its own X-Request-Id', async () => {
      const response = await send(url(), fromOrigin(APP, 'GET', '/api/me', session));
      expect(response.headers['x-request-id']?.[0]).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps the CORS headers on its 404', async () => {
      const response = await send(url(), fromOrigin(APP, 'GET', '/api/nothing'));
      expect(response.status).toBe(404);
      expect(response.headers).toMatchObject({
        'access-control-allow-origin': [APP],
        vary: ['Origin'],
      });
    });
  },
);
