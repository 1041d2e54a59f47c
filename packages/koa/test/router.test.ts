import Router from '@koa/router';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { corsHeadersOf, exchange } from './support/exchange.ts';
import { koaMajors } from './support/majors.ts';
import type { KoaClass } from './support/serve.ts';

const APP = 'https://app.example.com';
const PREFLIGHT_VARY = ['Origin, Access-Control-Request-Method, Access-Control-Request-Headers'];

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

const preflight = (path: string) => ({
  method: 'OPTIONS',
  path,
  headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
});

describe.each(koaMajors)('%s: per-router use with @koa/router', (_name, Koa) => {
  it("grants the router's routes", async () => {
    const app = apiApp(Koa, { optionsRoute: true });
    const [response] = await exchange(app, {
      method: 'GET',
      path: '/api/me',
      headers: { Origin: APP },
    });
    expect(response?.status).toBe(200);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });

  it("answers preflights to the router's paths once it has an OPTIONS route", async () => {
    const app = apiApp(Koa, { optionsRoute: true });
    const [response] = await exchange(app, preflight('/api/items/7'));
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
    const [response] = await exchange(app, { method: 'OPTIONS', path: '/api/me', headers: {} });
    expect(response?.status).toBe(200);
    expect(response?.headers['allow']).toEqual(['OPTIONS, HEAD, GET']);
    expect(response && corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
  });

  it('never sees preflights when the router has no OPTIONS route for the path', async () => {
    const app = apiApp(Koa, { optionsRoute: false });
    const [response] = await exchange(app, preflight('/api/items/7'));
    expect(response?.status).toBe(200);
    expect(response?.headers['allow']).toEqual(['PUT']);
    expect(response && corsHeadersOf(response)).toEqual({});
  });

  it('adds nothing to routes outside the router, preflights included', async () => {
    const app = apiApp(Koa, { optionsRoute: true });
    const [actual, preflighted] = await exchange(
      app,
      { method: 'GET', path: '/health', headers: { Origin: APP } },
      preflight('/health'),
    );
    expect(actual?.status).toBe(200);
    expect(actual && corsHeadersOf(actual)).toEqual({});
    expect(preflighted?.status).toBe(200);
    expect(preflighted?.headers['allow']).toEqual(['HEAD, GET']);
    expect(preflighted && corsHeadersOf(preflighted)).toEqual({});
  });
});
