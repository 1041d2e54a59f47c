import {
  APP,
  corsHeadersOf,
  exchange,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import Router from '@koa/router';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import type { KoaClass } from './support/majors.ts';
import { koaMajors, serving } from './support/majors.ts';

/** CORS on the /api router only; /health, on another router, has none. */
function apiApp(Koa: KoaClass, { optionsRoute }: { optionsRoute: boolean }) {
  const app = new Koa();
  const api = new Router({ prefix: '/api' });
  api.use(cors({ origins: [APP], credentials: true, methods: ['PUT'] }));
  if (optionsRoute) api.options('{/*rest}', (_ctx, next) => next());
  api.get('/me', (ctx) => {
    ctx.body = { name: 'Ada' };
  });
  api.put('/items/:id', (ctx) => {
    ctx.body = { id: ctx.params['id'] };
  });
  const site = new Router();
  site.get('/health', (ctx) => {
    ctx.body = 'ok';
  });
  app.use(api.routes()).use(api.allowedMethods()).use(site.routes());
  return app;
}

describe.each(koaMajors)('%s: per-router use with @koa/router', (_name, Koa) => {
  it("grants the router's routes", async () => {
    const app = apiApp(Koa, { optionsRoute: true });
    const [response] = await exchange(serving(app), fromOrigin(APP, 'GET', '/api/me'));
    expect(response?.status).toBe(200);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });

  it("answers preflights to the router's paths once it has an OPTIONS route", async () => {
    const app = apiApp(Koa, { optionsRoute: true });
    const [response] = await exchange(serving(app), preflight(APP, 'PUT', '/api/items/7'));
    expect(response?.status).toBe(204);
    expect(response?.body).toBe('');
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
  });

  it('leaves OPTIONS without a preflight to allowedMethods()', async () => {
    const app = apiApp(Koa, { optionsRoute: true });
    const [response] = await exchange(serving(app), {
      method: 'OPTIONS',
      path: '/api/me',
      headers: {},
    });
    expect(response?.status).toBe(200);
    expect(response?.headers['allow']).toEqual(['OPTIONS, HEAD, GET']);
    expect(response && corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
  });

  it('never sees preflights when the router has no OPTIONS route for the path', async () => {
    const app = apiApp(Koa, { optionsRoute: false });
    const [response] = await exchange(serving(app), preflight(APP, 'PUT', '/api/items/7'));
    expect(response?.status).toBe(200);
    expect(response?.headers['allow']).toEqual(['PUT']);
    expect(response && corsHeadersOf(response)).toEqual({});
  });

  it('adds nothing to routes outside the router, preflights included', async () => {
    const app = apiApp(Koa, { optionsRoute: true });
    const [actual, preflighted] = await exchange(
      serving(app),
      fromOrigin(APP, 'GET', '/health'),
      preflight(APP, 'PUT', '/health'),
    );
    expect(actual?.status).toBe(200);
    expect(actual && corsHeadersOf(actual)).toEqual({});
    expect(preflighted?.status).toBe(200);
    expect(preflighted?.headers['allow']).toEqual(['HEAD, GET']);
    expect(preflighted && corsHeadersOf(preflighted)).toEqual({});
  });
});
