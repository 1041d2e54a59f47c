import { APP, corsHeadersOf, EVIL, exchange, fromOrigin } from '@corsica/cors-testkit';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { listenFetch } from './listen.ts';

/**
 * Hono's routers compare paths case-sensitively, and the middleware tells the core so: `/DOCS` is
 * not `/docs` (Hono answers 404), so it gets the top level's answer, with no doubt about it
 * (no path-ambiguous denial) and never the `/docs` route's.
 */
describe('a path spelled in another case, under Hono', () => {
  async function get(origin: string, path: string) {
    const app = new Hono();
    app.use('*', cors({ origins: [APP], routes: [{ path: '/docs', origins: '*' }] }));
    app.get('/docs', (c) => c.text('docs'));
    const [response] = await exchange(
      () => listenFetch(app.fetch),
      fromOrigin(origin, 'GET', path),
    );
    return { status: response?.status, cors: response && corsHeadersOf(response) };
  }

  it('is a path of its own: the top level grants the app', async () => {
    expect(await get(APP, '/DOCS')).toStrictEqual({
      status: 404,
      cors: { 'access-control-allow-origin': [APP], vary: ['Origin'] },
    });
  });

  it("never gets the /docs route's '*'", async () => {
    expect(await get(EVIL, '/DOCS')).toStrictEqual({ status: 404, cors: { vary: ['Origin'] } });
    expect(await get(EVIL, '/docs')).toStrictEqual({
      status: 200,
      cors: { 'access-control-allow-origin': ['*'] },
    });
  });
});
