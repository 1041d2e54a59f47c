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
import type { FastifyContextConfig } from 'fastify';
import Fastify from 'fastify';
import type FindMyWay from 'find-my-way';
import { describe, expect, it } from 'vitest';
import { CorsConfigError, cors, createCors } from '../src/index.ts';
import { serving } from './support/serving.ts';

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
      serving(await app()),
      fromOrigin(EVIL, 'GET', '/files/logo.png'),
      fromOrigin(PARTNER, 'PUT', '/partners/7'),
      fromOrigin(APP, 'PUT', '/partners/7'),
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
    const [response] = await exchange(
      serving(await app()),
      fromOrigin(APP, 'DELETE', '/partners/7'),
    );
    expect(response?.body).toBe('deleted');
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
  });

  it('false turns CORS off: the handler runs and nothing is added, not even Vary', async () => {
    const [response] = await exchange(
      serving(await app()),
      fromOrigin(APP, 'PUT', '/internal/jobs'),
    );
    expect(response?.status).toBe(200);
    expect(response?.body).toBe('queued');
    expect(response && corsHeadersOf(response)).toEqual({});
  });
});

describe('config.cors on preflights', () => {
  it('decides a preflight by the route serving the method it asks for', async () => {
    const [put, del] = await exchange(
      serving(await app()),
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
    const [response] = await exchange(
      serving(await app()),
      preflight(APP, 'DELETE', '/partners/7'),
    );
    expect(response?.status).toBe(204);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['DELETE'],
      vary: PREFLIGHT_VARY,
    });
  });

  it('finds the route as fastify does: a static path beats a parameter', async () => {
    const [me, other] = await exchange(
      serving(await app()),
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

  it("gives HEAD, which fastify serves from a GET route, that route's config.cors", async () => {
    const [partnerHead, appHead, partnerAsksHead, appAsksHead] = await exchange(
      serving(await app()),
      fromOrigin(PARTNER, 'HEAD', '/users/42'),
      fromOrigin(APP, 'HEAD', '/users/42'),
      preflight(PARTNER, 'HEAD', '/users/42'),
      preflight(APP, 'HEAD', '/users/42'),
    );
    expect(partnerHead && corsHeadersOf(partnerHead)).toEqual({
      'access-control-allow-origin': [PARTNER],
      vary: ['Origin'],
    });
    expect(appHead && corsHeadersOf(appHead)).toEqual({ vary: ['Origin'] });
    expect(partnerAsksHead?.status).toBe(204);
    expect(partnerAsksHead && corsHeadersOf(partnerAsksHead)).toEqual({
      'access-control-allow-origin': [PARTNER],
      vary: PREFLIGHT_VARY,
    });
    expect(appAsksHead?.status).toBe(403);
    expect(appAsksHead && corsHeadersOf(appAsksHead)).toEqual({ vary: PREFLIGHT_VARY });
  });

  it('finds routes declared under a prefix, its root included', async () => {
    const [thing, root, rootWithSlash] = await exchange(
      serving(await app()),
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
    const [response] = await exchange(
      serving(await app()),
      preflight(APP, 'PUT', '/files/logo.png'),
    );
    expect(response?.status).toBe(204);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
  });

  it("is not answered by the plugin's policy on a route with false, but handed to fastify", async () => {
    const [response] = await exchange(
      serving(await app()),
      preflight(APP, 'PUT', '/internal/jobs'),
    );
    expect(response?.status).toBe(404);
    expect(response && corsHeadersOf(response)).toEqual({});
  });

  it('reaches a route with false that accepts OPTIONS itself', async () => {
    const [response] = await exchange(serving(await app()), preflight(APP, 'PUT', '/uploads/9'));
    expect(response?.status).toBe(200);
    expect(response?.body).toBe('own OPTIONS');
    expect(response && corsHeadersOf(response)).toEqual({});
  });

  it("reaches the app's own OPTIONS handler on a route with false", async () => {
    const [response] = await exchange(serving(await app()), preflight(EVIL, 'PUT', '/legacy'));
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

  it.each([null, 0, ''])('refuses %j: write false for no CORS', async (value) => {
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    expect(() => app.get('/x', { config: { cors: value as never } }, async () => '')).toThrow(
      CorsConfigError,
    );
  });

  it("leaves the route's config as the app wrote it: the options object itself, no key added", async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    const own = { origins: '*' as const };
    let seen: object = {};
    app.get('/status', { config: { cors: own } }, async (request) => {
      seen = request.routeOptions.config;
      return 'up';
    });
    const [response] = await exchange(serving(app), fromOrigin(EVIL, 'GET', '/status'));
    expect(response && corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': ['*'] });
    expect(Reflect.ownKeys(seen)).toStrictEqual(['cors', 'url', 'method']);
    expect((seen as { cors: unknown }).cors).toBe(own);
  });
});

describe('config.cors changed by an onRoute hook added after the plugin', () => {
  const changed = (route: string) =>
    `@corsica/cors-fastify: an onRoute hook added after it changed the config.cors of ${route} (or of a config object that route shares), so the route would keep the CORS it was declared with. Register the plugin that adds the hook before \`await app.register(cors, options)\`, or set config.cors where the route is declared.`;

  /**
   * An app whose plugin, added after Corsica, changes `/reports` as its onRoute hook sees it. Its
   * other routes have no config.cors, `false` and `partners`: values a change may leave it with.
   */
  async function changing(change: (config: FastifyContextConfig) => FastifyContextConfig) {
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    app.addHook('onRoute', (route) => {
      if (route.url === '/reports') route.config = change(route.config ?? {});
    });
    app.get('/health', async () => 'up');
    app.post('/webhooks', { config: { cors: false } }, async () => 'ok');
    app.put('/partners/:id', { config: { cors: partners } }, async () => 'stored');
    return app;
  }

  it.each([
    ['replaced', (config: FastifyContextConfig) => ({ ...config, cors: { origins: [PARTNER] } })],
    ['removed', ({ cors: _, ...config }: FastifyContextConfig) => config],
    ['set to false', (config: FastifyContextConfig) => ({ ...config, cors: false })],
    [
      "set to another route's policy",
      (config: FastifyContextConfig) => ({ ...config, cors: partners }),
    ],
    ['removed with the whole config', () => undefined as unknown as FastifyContextConfig],
  ])('makes app.ready() reject when it is %s, naming the route', async (_, change) => {
    const app = await changing(change);
    app.get('/reports', { config: { cors: { origins: [APP] } } }, async () => 'reports');
    await expect(app.ready()).rejects.toThrow(changed('GET /reports'));
  });

  it('is accepted from a hook added after the plugin that gives the route a new config with the same config.cors', async () => {
    const app = await changing((config) => ({ ...config, rateLimit: { max: 100 } }));
    app.get('/reports', { config: { cors: { origins: [PARTNER] } } }, async () => 'reports');
    const [partnerGets, partnerAsks] = await exchange(
      serving(app),
      fromOrigin(PARTNER, 'GET', '/reports'),
      preflight(PARTNER, 'GET', '/reports'),
    );
    expect(partnerGets && corsHeadersOf(partnerGets)).toEqual({
      'access-control-allow-origin': [PARTNER],
      vary: ['Origin'],
    });
    expect(partnerAsks?.status).toBe(204);
  });

  it('makes app.ready() reject when it is set on a route declared without one', async () => {
    const app = await changing((config) => ({ ...config, cors: { origins: [PARTNER] } }));
    app.get('/reports', async () => 'reports');
    await expect(app.ready()).rejects.toThrow(changed('GET /reports'));
  });

  it('makes app.ready() reject when it changes a config object an earlier route shares', async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    app.addHook('onRoute', (route) => {
      // In place, on the object both routes were declared with: fastify has copied the first's.
      if (route.url === '/b' && route.config) route.config.cors = { origins: '*' };
    });
    const shared = { cors: { origins: [PARTNER] } };
    app.get('/a', { config: shared }, async () => 'a');
    app.get('/b', { config: shared }, async () => 'b');
    await expect(app.ready()).rejects.toThrow(changed('GET /a'));
  });

  it('is accepted from a hook added before the plugin: the plugin reads what it set', async () => {
    const app = Fastify();
    app.addHook('onRoute', (route) => {
      if (route.url === '/reports')
        route.config = { ...route.config, cors: { origins: [PARTNER] } };
    });
    await app.register(cors, { origins: [APP] });
    app.get('/reports', async () => 'reports');
    const [partnerGets, partnerAsks] = await exchange(
      serving(app),
      fromOrigin(PARTNER, 'GET', '/reports'),
      preflight(PARTNER, 'GET', '/reports'),
    );
    expect(partnerGets && corsHeadersOf(partnerGets)).toEqual({
      'access-control-allow-origin': [PARTNER],
      vary: ['Origin'],
    });
    expect(partnerAsks?.status).toBe(204);
  });

  // fastify derives HEAD /status from GET /status with the same config object, so the hook's
  // second, in-place write (a new options object) shows on GET /status too: the plugin read it.
  it('is accepted from a hook added before the plugin that writes it in place', async () => {
    const app = Fastify();
    app.addHook('onRoute', (route) => {
      // In place, as @fastify/helmet adds its key: a new options object on each call.
      if (route.url === '/status' && route.config) route.config.cors = { origins: '*' };
    });
    await app.register(cors, { origins: [APP] });
    app.get('/status', { config: {} }, async () => 'up');
    const [evilGets, evilAsks] = await exchange(
      serving(app),
      fromOrigin(EVIL, 'GET', '/status'),
      preflight(EVIL, 'GET', '/status'),
    );
    expect(evilGets && corsHeadersOf(evilGets)).toEqual({ 'access-control-allow-origin': ['*'] });
    expect(evilAsks?.status).toBe(204);
  });

  // No hook at all: fastify copies the config of each route as it is declared, and so does the
  // mirror, so /a keeps partners on its preflights too.
  it('is accepted when the app changes a config object between two declarations', async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    const config: FastifyContextConfig = { cors: partners };
    app.get('/a', { config }, async () => 'a');
    config.cors = { origins: '*' };
    app.get('/b', { config }, async () => 'b');
    const [partnerAsksA, evilAsksA, evilGetsB] = await exchange(
      serving(app),
      preflight(PARTNER, 'GET', '/a'),
      preflight(EVIL, 'GET', '/a'),
      fromOrigin(EVIL, 'GET', '/b'),
    );
    expect([partnerAsksA?.status, evilAsksA?.status]).toEqual([204, 403]);
    expect(evilGetsB && corsHeadersOf(evilGetsB)).toEqual({ 'access-control-allow-origin': ['*'] });
  });

  it('leaves the policy compiled from the options as declared when a hook changes the object itself', async () => {
    const app = await changing((config) => {
      const own = config.cors as { origins: string[] } | undefined;
      if (own) own.origins = [PARTNER];
      return config;
    });
    app.get('/reports', { config: { cors: { origins: [APP] } } }, async () => 'reports');
    const [appGets, partnerGets] = await exchange(
      serving(app),
      fromOrigin(APP, 'GET', '/reports'),
      fromOrigin(PARTNER, 'GET', '/reports'),
    );
    expect(appGets && corsHeadersOf(appGets)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
    expect(partnerGets && corsHeadersOf(partnerGets)).toEqual({ vary: ['Origin'] });
  });
});

describe('the plugin registered after routes', () => {
  const fix =
    '@corsica/cors-fastify was registered after routes were declared: they would get no CORS handling, or miss their config.cors. Write `await app.register(cors, options)` before declaring routes and before registering plugins that declare routes. Declared before it:';

  it('makes app.ready() reject, naming the routes, when a route was declared first', async () => {
    const app = Fastify();
    void app.register(cors, { origins: [APP] });
    app.get('/early', { config: { cors: { origins: '*' } } }, async () => 'early');
    const error = await app.ready().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`${fix}\n└── /early (GET, HEAD)\n`);
  });

  it('makes app.listen() reject before any socket is opened, for routes without config.cors too', async () => {
    const app = Fastify();
    app.get('/health', async () => 'up');
    await expect(app.register(cors, { origins: [APP] })).rejects.toThrow(fix);
    await expect(app.listen({ port: 0, host: '127.0.0.1' })).rejects.toThrow(fix);
    expect(app.server.listening).toBe(false);
  });

  it('counts routes a plugin registered before it declared', async () => {
    const app = Fastify();
    await app.register(
      (api, _options, done) => {
        api.get('/items', async () => []);
        done();
      },
      { prefix: '/api' },
    );
    await expect(app.register(cors, { origins: [APP] })).rejects.toThrow(
      '└── /api/items (GET, HEAD)',
    );
  });

  it('accepts routes declared after an unawaited registration, in the root and in plugins', async () => {
    const app = Fastify();
    void app.register(cors, { origins: [APP] });
    void app.register((api, _options, done) => {
      api.put('/partners/:id', { config: { cors: partners } }, async () => 'stored');
      done();
    });
    app.after(() => {
      app.get('/late', async () => 'late');
    });
    const [asked, late] = await exchange(
      serving(app),
      preflight(PARTNER, 'PUT', '/partners/7'),
      fromOrigin(APP, 'GET', '/late'),
    );
    expect(asked?.status).toBe(204);
    expect(asked && corsHeadersOf(asked)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(late && corsHeadersOf(late)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
  });
});

/** Two routes at one URL told apart by a custom constraint (X-Tenant): only a has config.cors. */
async function tenantApp() {
  type Handler = FindMyWay.Handler<FindMyWay.HTTPVersion.V1>;
  const tenant: FindMyWay.ConstraintStrategy<FindMyWay.HTTPVersion.V1> = {
    name: 'tenant',
    storage: () => {
      const handlers = new Map<string, Handler>();
      return {
        get: (key) => handlers.get(key) ?? null,
        set: (key, handler) => void handlers.set(key, handler),
      };
    },
    deriveConstraint: (request) => String(request.headers['x-tenant']),
  };
  const app = Fastify({ routerOptions: { constraints: { tenant } } });
  await app.register(cors, { origins: [APP], methods: ['PUT'] });
  const first = { tenant: 'a' };
  app.put('/items/:id', { constraints: first, config: { cors: partners } }, async () => 'a');
  app.put('/items/:id', { constraints: { tenant: 'b' } }, async () => 'b');
  return app;
}

describe('the route a preflight finds', () => {
  it('is the one route serving the method asked for, declared with others beside a versioned one', async () => {
    // A route for GET and PUT after a GET route told apart by `version` only: the mirror refuses
    // the GET, and must still hold the PUT (and the PUT with false), which no other route serves.
    const app = Fastify();
    await app.register(cors, { origins: [APP], methods: ['PUT'] });
    const v1 = { version: '1.0.0' };
    app.get('/items', { constraints: v1 }, async () => 'v1');
    app.route({
      method: ['GET', 'PUT'],
      url: '/items',
      config: { cors: partners },
      handler: async () => 'put',
    });
    app.get('/jobs', { constraints: v1 }, async () => 'v1');
    app.route({
      method: ['GET', 'PUT'],
      url: '/jobs',
      config: { cors: false },
      handler: async () => 'put',
    });
    const [asked, actual, askedOff] = await exchange(
      serving(app),
      preflight(PARTNER, 'PUT', '/items'),
      fromOrigin(PARTNER, 'PUT', '/items'),
      preflight(APP, 'PUT', '/jobs'),
    );
    expect(actual?.body).toBe('put');
    expect(actual && corsHeadersOf(actual)).toEqual({
      'access-control-allow-origin': [PARTNER],
      vary: ['Origin'],
    });
    expect(asked?.status).toBe(204);
    expect(asked && corsHeadersOf(asked)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(askedOff?.status).toBe(404);
    expect(askedOff && corsHeadersOf(askedOff)).toEqual({});
  });

  it('follows the router options fastify resolves, top-level keys and routerOptions mixed', async () => {
    // fastify takes ignoreTrailingSlash from the top level here, though routerOptions is given.
    const app = Fastify({ ignoreTrailingSlash: true, routerOptions: { caseSensitive: false } });
    await app.register(cors, { origins: [APP] });
    app.put('/partners/:id', { config: { cors: partners } }, async () => 'stored');
    const [asked, actual] = await exchange(
      serving(app),
      preflight(PARTNER, 'PUT', '/Partners/7/'),
      fromOrigin(PARTNER, 'PUT', '/Partners/7/'),
    );
    expect(asked?.status).toBe(204);
    expect(asked && corsHeadersOf(asked)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(actual?.body).toBe('stored');
  });

  it("is the one serving the preflight's Host, among routes constrained by host", async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP], methods: ['PUT'] });
    const api = { host: 'api.example.com' };
    app.put('/items/:id', { constraints: api, config: { cors: partners } }, async () => 'api');
    const admin = { host: 'admin.example.com' };
    app.put('/items/:id', { constraints: admin, config: { cors: false } }, async () => 'admin');
    const [toApi, toAdmin, toOther] = await exchange(
      serving(app),
      preflight(PARTNER, 'PUT', '/items/7', { Host: 'api.example.com' }),
      preflight(PARTNER, 'PUT', '/items/7', { Host: 'admin.example.com' }),
      preflight(APP, 'PUT', '/items/7', { Host: 'www.example.com' }),
    );
    expect(toApi?.status).toBe(204);
    expect(toApi && corsHeadersOf(toApi)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(toAdmin?.status).toBe(404);
    expect(toAdmin && corsHeadersOf(toAdmin)).toEqual({});
    expect(toOther?.status).toBe(204);
    expect(toOther && corsHeadersOf(toOther)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
  });

  it('is the first declared among routes told apart by a custom constraint', async () => {
    const app = await tenantApp();
    const [asked, actual] = await exchange(
      serving(app),
      preflight(PARTNER, 'PUT', '/items/7'),
      fromOrigin(PARTNER, 'PUT', '/items/7', { 'X-Tenant': 'a' }),
    );
    expect(asked?.status).toBe(204);
    expect(asked && corsHeadersOf(asked)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(actual?.body).toBe('a');
  });

  it('is not asked for an actual request: it gets the route fastify routed it to', async () => {
    // The mirror holds only tenant a's route at that URL; fastify routes X-Tenant b to b's.
    const [actual] = await exchange(
      serving(await tenantApp()),
      fromOrigin(PARTNER, 'PUT', '/items/7', { 'X-Tenant': 'b' }),
    );
    expect(actual?.body).toBe('b');
    expect(actual && corsHeadersOf(actual)).toEqual({ vary: ['Origin'] });
  });
});
