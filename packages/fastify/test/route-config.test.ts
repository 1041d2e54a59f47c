import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { CorsConfigError, cors, createCors } from '../src/index.ts';
import {
  APP,
  corsHeadersOf,
  EVIL,
  exchange,
  PARTNER,
  PREFLIGHT_VARY,
  preflight,
} from './support/listen.ts';

const partners = createCors({ origins: [PARTNER], methods: ['PUT'] });

/** The plugin's policy for the app, and routes that set their own. */
async function app() {
  const app = Fastify();
  await app.register(cors, { origins: [APP], methods: ['PUT', 'DELETE'] });
  app.get('/files/:name', { config: { cors: { origins: '*' } } }, async () => 'file');
  app.put('/partners/:id', { config: { cors: partners } }, async () => 'stored');
  app.delete('/partners/:id', async () => 'deleted');
  app.get('/users/me', async () => 'me');
  app.get('/users/:id', { config: { cors: partners } }, async () => 'user');
  app.put('/internal/jobs', { config: { cors: false } }, async () => 'queued');
  app.put('/legacy', { config: { cors: false } }, async () => 'legacy');
  app.options('/legacy', async (_request, reply) => {
    reply.header('access-control-allow-origin', APP).header('access-control-allow-methods', 'PUT');
    return reply.code(204).send();
  });
  app.route({
    method: ['PUT', 'OPTIONS'],
    url: '/uploads/:id',
    config: { cors: false },
    handler: async (request) => `own ${request.method}`,
  });
  await app.register(
    (v1, _options, done) => {
      v1.put('/things/:id', { config: { cors: partners } }, async () => 'thing');
      v1.get('/', { config: { cors: partners } }, async () => 'index');
      done();
    },
    { prefix: '/v1' },
  );
  return app;
}

describe('config.cors on actual requests', () => {
  it("replaces the plugin's policy on that route", async () => {
    const [fromAnyone, fromPartner, fromApp] = await exchange(
      await app(),
      { method: 'GET', path: '/files/logo.png', headers: { Origin: EVIL } },
      { method: 'PUT', path: '/partners/7', headers: { Origin: PARTNER } },
      { method: 'PUT', path: '/partners/7', headers: { Origin: APP } },
    );
    expect(fromAnyone && corsHeadersOf(fromAnyone)).toEqual({
      'access-control-allow-origin': ['*'],
    });
    expect(fromPartner && corsHeadersOf(fromPartner)).toEqual({
      'access-control-allow-origin': [PARTNER],
      vary: ['Origin'],
    });
    expect(fromApp && corsHeadersOf(fromApp)).toEqual({ vary: ['Origin'] });
  });

  it('leaves the other methods on the same URL to the plugin', async () => {
    const [response] = await exchange(await app(), {
      method: 'DELETE',
      path: '/partners/7',
      headers: { Origin: APP },
    });
    expect(response?.body).toBe('deleted');
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
  });

  it('false turns CORS off: the handler runs and nothing is added, not even Vary', async () => {
    const [response] = await exchange(await app(), {
      method: 'PUT',
      path: '/internal/jobs',
      headers: { Origin: APP },
    });
    expect(response?.status).toBe(200);
    expect(response?.body).toBe('queued');
    expect(response && corsHeadersOf(response)).toEqual({});
  });
});

describe('config.cors on preflights', () => {
  it('decides a preflight by the route serving the method it asks for', async () => {
    const [put, del] = await exchange(
      await app(),
      preflight(PARTNER, 'PUT', '/partners/7'),
      preflight(PARTNER, 'DELETE', '/partners/7'),
    );
    expect(put?.status).toBe(204);
    expect(put && corsHeadersOf(put)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(del?.status).toBe(403);
    expect(del && corsHeadersOf(del)).toEqual({ vary: PREFLIGHT_VARY });
  });

  it("uses the plugin's policy for a method whose route has no config.cors", async () => {
    const [response] = await exchange(await app(), preflight(APP, 'DELETE', '/partners/7'));
    expect(response?.status).toBe(204);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['DELETE'],
      vary: PREFLIGHT_VARY,
    });
  });

  it('finds the route as fastify does: a static path beats a parameter', async () => {
    const [me, other] = await exchange(
      await app(),
      preflight(PARTNER, 'GET', '/users/me'),
      preflight(PARTNER, 'GET', '/users/42'),
    );
    expect(me?.status).toBe(403);
    expect(other?.status).toBe(204);
    expect(other && corsHeadersOf(other)).toEqual({
      'access-control-allow-origin': [PARTNER],
      vary: PREFLIGHT_VARY,
    });
  });

  it('finds routes declared under a prefix, its root included', async () => {
    const [thing, root, rootWithSlash] = await exchange(
      await app(),
      preflight(PARTNER, 'PUT', '/v1/things/3'),
      preflight(PARTNER, 'GET', '/v1'),
      preflight(PARTNER, 'GET', '/v1/'),
    );
    expect([thing?.status, root?.status, rootWithSlash?.status]).toEqual([204, 204, 204]);
    expect(thing && corsHeadersOf(thing)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
  });

  it("uses the plugin's policy for a method no route serves at that URL, as its 404 would", async () => {
    const [response] = await exchange(await app(), preflight(APP, 'PUT', '/files/logo.png'));
    expect(response?.status).toBe(204);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
  });

  it("is not answered by the plugin's policy on a route with false, but handed to fastify", async () => {
    const [response] = await exchange(await app(), preflight(APP, 'PUT', '/internal/jobs'));
    expect(response?.status).toBe(404);
    expect(response && corsHeadersOf(response)).toEqual({});
  });

  it('reaches a route with false that accepts OPTIONS itself', async () => {
    const [response] = await exchange(await app(), preflight(APP, 'PUT', '/uploads/9'));
    expect(response?.status).toBe(200);
    expect(response?.body).toBe('own OPTIONS');
    expect(response && corsHeadersOf(response)).toEqual({});
  });

  it("reaches the app's own OPTIONS handler on a route with false", async () => {
    const [response] = await exchange(await app(), preflight(EVIL, 'PUT', '/legacy'));
    expect(response?.status).toBe(204);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['PUT'],
    });
  });
});

describe('compiling config.cors', () => {
  it('happens when the route is declared, so a mistake throws at startup', async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    expect(() =>
      app.get(
        '/x',
        { config: { cors: { origins: ['https://app.example.com/'] } } },
        async () => '',
      ),
    ).toThrow(CorsConfigError);
  });

  it('needs the plugin registered first: a route declared before it fails its requests', async () => {
    const app = Fastify();
    void app.register(cors, { origins: [APP] });
    app.get('/early', { config: { cors: { origins: '*' } } }, async () => 'early');
    const [response] = await exchange(app, {
      method: 'GET',
      path: '/early',
      headers: { Origin: APP },
    });
    expect(response?.status).toBe(500);
    expect(JSON.parse(response?.body ?? '').message).toBe(
      'GET /early was declared before @corsica/cors-fastify was registered, so its config.cors was never compiled: write `await app.register(cors, options)` before declaring routes.',
    );
  });
});
