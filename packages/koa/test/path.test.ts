import { APP, corsHeadersOf, EVIL, exchange, fromOrigin } from '@corsica/cors-testkit';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import type { KoaClass } from './support/majors.ts';
import { koaMajors, serving } from './support/majors.ts';

/** Public files for anyone; the rest for the app. A prefix rewrite runs first, as koa-mount does. */
function appUnderV1(Koa: KoaClass) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.path.startsWith('/v1/')) ctx.path = ctx.path.slice('/v1'.length);
    await next();
  });
  app.use(cors({ origins: [APP], routes: [{ path: '/public/*', origins: '*' }] }));
  app.use((ctx) => {
    ctx.body = 'ok';
  });
  return app;
}

describe.each(koaMajors)('%s: the path per-path routes see', (_name, Koa) => {
  it('is ctx.path, the path koa routes on, after upstream rewrites', async () => {
    const [response] = await exchange(
      serving(appUnderV1(Koa)),
      fromOrigin(EVIL, 'GET', '/v1/public/logo.png'),
    );
    expect(response && corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': ['*'] });
  });

  it('leaves out the query', async () => {
    const [response] = await exchange(
      serving(appUnderV1(Koa)),
      fromOrigin(EVIL, 'GET', '/public/logo.png?size=2'),
    );
    expect(response && corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': ['*'] });
  });

  it('is not percent-decoded', async () => {
    const [response] = await exchange(
      serving(appUnderV1(Koa)),
      fromOrigin(EVIL, 'GET', '/%70ublic/logo.png'),
    );
    expect(response && corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
  });
});
