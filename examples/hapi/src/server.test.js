import { APP, corsHeadersOf, EVIL, fromOrigin, send } from '@corsica/cors-testkit';
import { expect, it } from 'vitest';
import { describeExample, SESSION_API } from '../../_support/boot.ts';

describeExample(
  'the hapi example',
  { ...SESSION_API, dir: new URL('..', import.meta.url), exposes: 'X-Request-Id' },
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
