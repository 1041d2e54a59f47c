import { APP, corsHeadersOf, exchange, fromOrigin } from '@corsica/cors-testkit';
import type { Middleware } from 'koa';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { koaMajors, serving } from './support/majors.ts';

const request = fromOrigin(APP, 'GET', '/');

describe.each(koaMajors)('%s: Vary set by the app', (_name, Koa) => {
  async function varyAfter(handler: Middleware): Promise<readonly string[] | undefined> {
    const app = new Koa();
    app.use(cors({ origins: [APP] }));
    app.use(handler);
    const [response] = await exchange(serving(app), request);
    return response && corsHeadersOf(response)['vary'];
  }

  it('with ctx.vary() downstream is appended after Origin', async () => {
    const vary = await varyAfter((ctx) => {
      ctx.vary('Accept-Encoding');
      ctx.body = 'ok';
    });
    expect(vary).toEqual(['Origin, Accept-Encoding']);
  });

  it('with ctx.set() downstream, replacing Vary, gets Origin back once', async () => {
    const vary = await varyAfter((ctx) => {
      ctx.set('Vary', 'Accept-Language');
      ctx.body = 'ok';
    });
    expect(vary).toEqual(['Accept-Language, Origin']);
  });

  it('as Vary: * is left alone', async () => {
    const vary = await varyAfter((ctx) => {
      ctx.set('Vary', '*');
      ctx.body = 'ok';
    });
    expect(vary).toEqual(['*']);
  });

  it('upstream is kept, with Origin appended', async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      ctx.vary('Accept');
      await next();
    });
    app.use(cors({ origins: [APP] }));
    app.use((ctx) => {
      ctx.body = 'ok';
    });
    const [response] = await exchange(serving(app), request);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Accept, Origin'],
    });
  });
});
