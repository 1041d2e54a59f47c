import {
  APP,
  corsHeadersOf,
  EVIL,
  exchange,
  fromOrigin,
  PARTNER,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import type { FastifyServerOptions } from 'fastify';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { CorsConfigError, cors } from '../src/index.ts';
import { serving } from './support/serving.ts';

/**
 * The plugin tells the core how fastify's router reads a path (case, trailing slash, `;`), from
 * the router options fastify resolved. A spelling the router takes to `/docs` gets the `/docs`
 * route's policy; one it does not gets the top level's. EVIL reads `/docs` anonymously (`*`) and
 * nothing else.
 */
const policy = { origins: [APP], routes: [{ path: '/docs', origins: '*' as const }] };

async function docsFor(options: FastifyServerOptions, path: string, origin = EVIL) {
  const app = Fastify(options);
  await app.register(cors, policy);
  app.get('/docs', async () => 'docs');
  const [response] = await exchange(serving(app), fromOrigin(origin, 'GET', path));
  return { status: response?.status, cors: response && corsHeadersOf(response) };
}

const open = { status: 200, cors: { 'access-control-allow-origin': ['*'] } };
const closed = { status: 404, cors: { vary: ['Origin'] } };

describe('the spellings of a path fastify routes, as the plugin tells the core', () => {
  it.each([
    ['default options: /docs/ is another path', {}, '/docs/', closed],
    [
      'routerOptions.ignoreTrailingSlash: /docs/ is /docs',
      { routerOptions: { ignoreTrailingSlash: true } },
      '/docs/',
      open,
    ],
    [
      'top-level ignoreTrailingSlash (deprecated spelling): /docs/ is /docs',
      { ignoreTrailingSlash: true },
      '/docs/',
      open,
    ],
    ['default options: /DOCS is another path', {}, '/DOCS', closed],
    [
      'routerOptions.caseSensitive false: /DOCS is /docs',
      { routerOptions: { caseSensitive: false } },
      '/DOCS',
      open,
    ],
    ['default options: /docs;v=1 is another path', {}, '/docs;v=1', closed],
    [
      'useSemicolonDelimiter: /docs;v=1 is /docs',
      { routerOptions: { useSemicolonDelimiter: true } as FastifyServerOptions['routerOptions'] },
      '/docs;v=1',
      open,
    ],
  ] as const)('%s', async (_what, options, path, expected) => {
    expect(await docsFor(options as FastifyServerOptions, path)).toStrictEqual(expected);
  });
});
describe('a trailing slash the router does not ignore', () => {
  it('is a path of its own: the top level answers it, without doubt (no path-ambiguous denial)', async () => {
    expect(await docsFor({}, '/docs/', APP)).toStrictEqual({
      status: 404,
      cors: { 'access-control-allow-origin': [APP], vary: ['Origin'] },
    });
  });
});

describe('a refused policy', () => {
  it('names app.register(cors, options), what the user called', async () => {
    const app = Fastify();
    await expect(app.register(cors, {} as never)).rejects.toThrow(
      'Invalid CORS policy given to app.register(cors, options) (1 problem)',
    );
  });

  it("in a route's config.cors names config.cors", async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    expect(() => app.get('/x', { config: { cors: {} as never } }, async () => 'x')).toThrow(
      CorsConfigError,
    );
    expect(() => app.get('/y', { config: { cors: {} as never } }, async () => 'y')).toThrow(
      'Invalid CORS policy given to config.cors (1 problem)',
    );
    await app.close();
  });
});

describe('the route a preflight finds under a prefix', () => {
  const partners = { origins: [PARTNER], methods: ['PUT'] };

  async function prefixed() {
    const app = Fastify();
    await app.register(cors, { origins: [APP], methods: ['PUT'] });
    await app.register(
      (v1, _options, done) => {
        v1.put('/things/:id', { config: { cors: partners } }, async () => 'thing');
        done();
      },
      { prefix: '/v1' },
    );
    await app.register(
      (v2, _options, done) => {
        v2.put('', { config: { cors: partners } }, async () => 'index');
        done();
      },
      { prefix: '/v2', prefixTrailingSlash: 'no-slash' },
    );
    return app;
  }

  it('is the route only at the paths fastify serves it: not with a slash it does not ignore', async () => {
    const ask = (path: string) => ({
      method: 'OPTIONS',
      path,
      headers: { Origin: PARTNER, 'Access-Control-Request-Method': 'PUT' },
    });
    const responses = await exchange(
      serving(await prefixed()),
      ask('/v1/things/3'),
      ask('/v1/things/3/'),
      ask('/v2'),
      ask('/v2/'),
    );
    expect(responses.map((r) => r.status)).toStrictEqual([204, 403, 204, 403]);
  });
});

describe('a prefix root that fastify serves on one host only', () => {
  it('is found at prefix and prefix/ on that host, and on no other', async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP], methods: ['PUT'] });
    await app.register(
      (v3, _options, done) => {
        const config = { cors: { origins: [PARTNER], methods: ['PUT'] } };
        v3.put('/', { constraints: { host: 'api.example.com' }, config }, async () => 'index');
        done();
      },
      { prefix: '/v3' },
    );
    const ask = (path: string, host: string) => ({
      method: 'OPTIONS',
      path,
      headers: { Host: host, Origin: PARTNER, 'Access-Control-Request-Method': 'PUT' },
    });
    const responses = await exchange(
      serving(app),
      ask('/v3', 'api.example.com'),
      ask('/v3/', 'api.example.com'),
      ask('/v3/', 'www.example.com'),
    );
    expect(responses.map((r) => r.status)).toStrictEqual([204, 204, 403]);
  });
});

describe('a Vary set by an earlier onRequest hook', () => {
  it('is kept on a preflight the plugin answers, and extended', async () => {
    const app = Fastify();
    app.addHook('onRequest', (_request, reply, done) => {
      reply.header('vary', 'Accept-Encoding');
      done();
    });
    await app.register(cors, { origins: [APP], methods: ['PUT'] });
    app.put('/things', async () => 'thing');
    const [response] = await exchange(serving(app), {
      method: 'OPTIONS',
      path: '/things',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
    });
    expect(response?.headers['vary']).toStrictEqual([
      'Accept-Encoding, Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    ]);
  });
});

describe('a parameter fastify fills with nothing', () => {
  // find-my-way serves `/` with `/:page` (page ''), as `/files/` with `/files/:name`: the request
  // reaches the route's handler, so the top level's wider policy must not answer it.
  it.each([
    ['/', '/:page'],
    ['/files/', '/files/:name'],
  ])('%s reaches %s there, and gets no grant the route would refuse', async (path, route) => {
    const app = Fastify();
    await app.register(cors, { origins: [APP, EVIL], routes: [{ path: route, origins: [APP] }] });
    app.get(route, async () => 'served');
    const [fromEvil, fromApp] = await exchange(
      serving(app),
      fromOrigin(EVIL, 'GET', path),
      fromOrigin(APP, 'GET', path),
    );
    expect([fromEvil?.status, fromEvil?.body, fromEvil && corsHeadersOf(fromEvil)]).toStrictEqual([
      200,
      'served',
      { vary: ['Origin'] },
    ]);
    expect(fromApp && corsHeadersOf(fromApp)).toStrictEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
  });
});

describe('wildcard routes', () => {
  it('get ready at the top level and under a prefix, and their preflights find their config.cors', async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    const files = { cors: { origins: [PARTNER] } };
    app.get('/static/*', { config: files }, async () => 'file');
    await app.register(
      (v1, _options, done) => {
        v1.get('/assets/*', { config: files }, async () => 'asset');
        done();
      },
      { prefix: '/v1' },
    );
    const responses = await exchange(
      serving(app),
      preflight(PARTNER, 'GET', '/static/site.css'),
      preflight(PARTNER, 'GET', '/v1/assets/site.css'),
      preflight(APP, 'GET', '/v1/assets/site.css'),
    );
    expect(responses.map((response) => response.status)).toStrictEqual([204, 204, 403]);
    expect(responses.map((response) => corsHeadersOf(response))).toStrictEqual([
      { 'access-control-allow-origin': [PARTNER], vary: PREFLIGHT_VARY },
      { 'access-control-allow-origin': [PARTNER], vary: PREFLIGHT_VARY },
      { vary: PREFLIGHT_VARY },
    ]);
  });
});
