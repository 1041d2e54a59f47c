import { APP, corsHeadersOf, EVIL, exchange, fromOrigin } from '@corsica/cors-testkit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { serving } from './support/serving.ts';

/** Public files for anyone, the rest for the app; `/v1/…` is rewritten before routing. */
async function app() {
  const app = Fastify({ rewriteUrl: (request) => (request.url ?? '/').replace(/^\/v1\//, '/') });
  await app.register(cors, { origins: [APP], routes: [{ path: '/public/*', origins: '*' }] });
  app.get('/public/:file', async () => 'file');
  app.get('/private/:file', async () => 'file');
  return app;
}

const get = (path: string) => fromOrigin(EVIL, 'GET', path);

describe('the path per-path routes see', () => {
  it('is request.url, the target fastify routes on, after rewriteUrl', async () => {
    const [response] = await exchange(serving(await app()), get('/v1/public/logo.png'));
    expect(response?.body).toBe('file');
    expect(response && corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': ['*'] });
  });

  it('leaves out the query', async () => {
    const [response] = await exchange(serving(await app()), get('/private/a?next=/public/b'));
    expect(response && corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
  });

  it('is not percent-decoded, though fastify decodes it to route', async () => {
    const [response] = await exchange(serving(await app()), get('/%70ublic/logo.png'));
    expect(response?.body).toBe('file');
    expect(response && corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
  });
});
