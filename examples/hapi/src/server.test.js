import { APP, corsHeadersOf, EVIL, fromOrigin, send } from '@corsica/cors-testkit';
import { expect, it } from 'vitest';
import { describeExample } from '../../_support/boot.ts';

const session = { Cookie: 'session=ada' };

describeExample(
  'the hapi example',
  {
    dir: new URL('..', import.meta.url),
    origin: APP,
    method: 'PUT',
    path: '/api/items/1',
    actual: { path: '/api/me', headers: session, json: { user: 'ada' } },
    exposes: 'X-Request-Id',
    deniedHeaders: session,
  },
  (url) => {
    it("puts the CORS headers on hapi's own 404, so the page can read it", async () => {
      const response = await send(url(), fromOrigin(APP, 'GET', '/api/missing'));
      expect(response.status).toBe(404);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['X-Request-Id'],
        vary: ['Origin'],
      });
    });

    it('gives another origin no access to the 404 either', async () => {
      const response = await send(url(), fromOrigin(EVIL, 'GET', '/api/missing'));
      expect(corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
    });
  },
);
