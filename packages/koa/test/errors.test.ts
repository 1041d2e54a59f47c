import type { CorsOptions } from '@corsica/cors-core';
import { APP, corsHeadersOf, EVIL, exchange, fromOrigin } from '@corsica/cors-testkit';
import type { Middleware } from 'koa';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import type { KoaClass } from './support/majors.ts';
import { koaMajors, serving } from './support/majors.ts';

const policy: CorsOptions<unknown> = {
  origins: [APP],
  credentials: true,
  exposedHeaders: ['X-Request-Id'],
};
const granted = {
  'access-control-allow-origin': [APP],
  'access-control-allow-credentials': ['true'],
  'access-control-expose-headers': ['X-Request-Id'],
};

function appWith(Koa: KoaClass, handler: Middleware) {
  const app = new Koa();
  app.silent = true;
  app.use(cors(policy));
  app.use(handler);
  return app;
}

describe.each(koaMajors)('%s: errors thrown downstream', (_name, Koa) => {
  it("are answered by koa's error handling with the CORS headers and Vary: Origin", async () => {
    const app = appWith(Koa, () => {
      throw new Error('database down');
    });
    const [response] = await exchange(serving(app), fromOrigin(APP, 'GET', '/'));
    expect(response?.status).toBe(500);
    expect(response && corsHeadersOf(response)).toEqual({ ...granted, vary: ['Origin'] });
  });

  it('keep the headers of ctx.throw(401) next to the CORS headers', async () => {
    const app = appWith(Koa, (ctx) => {
      ctx.throw(401, 'sign in first', { headers: { 'WWW-Authenticate': 'Bearer' } });
    });
    const [response] = await exchange(serving(app), fromOrigin(APP, 'GET', '/'));
    expect(response?.status).toBe(401);
    expect(response?.headers['www-authenticate']).toEqual(['Bearer']);
    expect(response && corsHeadersOf(response)).toEqual({ ...granted, vary: ['Origin'] });
  });

  it('merge Origin into the Vary of err.headers, whatever its case, on one line', async () => {
    const app = appWith(Koa, () => {
      throw Object.assign(new Error('gone'), { status: 410, headers: { VARY: 'Accept-Encoding' } });
    });
    const [response] = await exchange(serving(app), fromOrigin(APP, 'GET', '/'));
    expect(response?.status).toBe(410);
    expect(response && corsHeadersOf(response)).toEqual({
      ...granted,
      vary: ['Accept-Encoding, Origin'],
    });
  });

  it('never repeat a Vary token err.headers already holds', async () => {
    const app = appWith(Koa, () => {
      throw Object.assign(new Error('gone'), {
        status: 410,
        headers: { vary: ['Accept', 'origin'] },
      });
    });
    const [response] = await exchange(serving(app), fromOrigin(APP, 'GET', '/'));
    expect(response && corsHeadersOf(response)).toEqual({ ...granted, vary: ['Accept', 'origin'] });
  });

  it('carry Vary: Origin and no grant for a denied origin', async () => {
    const app = appWith(Koa, () => {
      throw new Error('database down');
    });
    const [response] = await exchange(serving(app), fromOrigin(EVIL, 'GET', '/'));
    expect(response?.status).toBe(500);
    expect(response && corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
  });

  it("never carry one origin's grant to the next request when the same error object is rethrown", async () => {
    const outage = Object.assign(new Error('maintenance'), { status: 503 });
    const app = appWith(Koa, () => {
      throw outage;
    });
    const [first, second] = await exchange(
      serving(app),
      fromOrigin(APP, 'GET', '/'),
      fromOrigin(EVIL, 'GET', '/'),
    );
    expect(first && corsHeadersOf(first)).toEqual({ ...granted, vary: ['Origin'] });
    expect(second?.status).toBe(503);
    expect(second && corsHeadersOf(second)).toEqual({ vary: ['Origin'] });
  });

  it("leave koa's own 404 with the CORS headers", async () => {
    const app = appWith(Koa, async (_ctx, next) => next());
    const [response] = await exchange(serving(app), fromOrigin(APP, 'GET', '/'));
    expect(response?.status).toBe(404);
    expect(response && corsHeadersOf(response)).toEqual({ ...granted, vary: ['Origin'] });
  });
});
