import {
  APP,
  corsHeadersOf,
  EVIL,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
  send,
} from '@corsica/cors-testkit';
import { expect, it } from 'vitest';
import { describeExample, SESSION_API } from '../../_support/boot.ts';

describeExample(
  'the fetch example',
  { ...SESSION_API, dir: new URL('..', import.meta.url), exposes: 'X-Request-Id' },
  (url) => {
    it('saves the JSON a PUT sends, and lets the page read its X-Request-Id', async () => {
      // The kit's send() carries no body; Node's fetch() sends Origin as given.
      const response = await fetch(`${url()}/api/items/1`, {
        method: 'PUT',
        headers: { Origin: APP, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Pencil' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toStrictEqual({ id: '1', name: 'Pencil' });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('access-control-expose-headers')).toBe('X-Request-Id');
    });

    it('refuses the preflight of an origin it does not list: 403, no Access-Control-Allow-*', async () => {
      const response = await send(url(), preflight(EVIL, 'PUT', '/api/items/1'));
      expect(response.status).toBe(403);
      expect(corsHeadersOf(response)).toEqual({ vary: PREFLIGHT_VARY });
    });

    it('answers a PUT without JSON with its own 400, which the page may read', async () => {
      const response = await send(url(), fromOrigin(APP, 'PUT', '/api/items/1'));
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toStrictEqual({ error: 'expected JSON' });
      expect(response.headers['access-control-allow-origin']).toEqual([APP]);
    });

    it('keeps the CORS headers on its 404', async () => {
      const response = await send(url(), fromOrigin(APP, 'GET', '/api/nothing'));
      expect(response.status).toBe(404);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['X-Request-Id'],
        vary: ['Origin'],
      });
    });
  },
);
