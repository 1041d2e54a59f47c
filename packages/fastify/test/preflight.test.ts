import {
  APP,
  corsHeadersOf,
  exchange,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { serving } from './support/serving.ts';

/** An app whose auth hooks, registered after the plugin, refuse requests without a token. */
async function guardedApp(seen: string[]) {
  const app = Fastify();
  await app.register(cors, {
    origins: [APP],
    methods: ['PUT'],
    allowedHeaders: ['Authorization'],
  });
  const guard = (hook: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    seen.push(`${hook} ${request.method} ${request.url}`);
    if (request.headers.authorization === undefined) return reply.code(401).send('sign in');
  };
  app.addHook('onRequest', guard('onRequest'));
  app.addHook('preHandler', guard('preHandler'));
  app.put('/items/:id', async () => 'stored');
  app.options('/items/:id', async (_request, reply) =>
    reply.header('allow', 'PUT, OPTIONS').send(),
  );
  return app;
}

const grant = {
  'access-control-allow-origin': [APP],
  'access-control-allow-methods': ['PUT'],
  'access-control-allow-headers': ['authorization'],
  vary: PREFLIGHT_VARY,
};

describe('preflights', () => {
  it('are answered in onRequest: an auth hook registered after the plugin never sees them', async () => {
    const seen: string[] = [];
    const [response] = await exchange(
      serving(await guardedApp(seen)),
      preflight(APP, 'PUT', '/items/7', { 'Access-Control-Request-Headers': 'authorization' }),
    );
    expect(response?.status).toBe(204);
    expect(response?.body).toBe('');
    expect(response?.headers['content-length']).toEqual(['0']);
    expect(response && corsHeadersOf(response)).toEqual(grant);
    expect(seen).toEqual([]);
  });

  it('are answered where no route serves the path, instead of a 404', async () => {
    const [response] = await exchange(
      serving(await guardedApp([])),
      preflight(APP, 'PUT', '/nowhere', { 'Access-Control-Request-Headers': 'authorization' }),
    );
    expect(response?.status).toBe(204);
    expect(response && corsHeadersOf(response)).toEqual(grant);
  });

  it('from a denied origin get 403, still before the auth hooks', async () => {
    const seen: string[] = [];
    const [response] = await exchange(
      serving(await guardedApp(seen)),
      preflight('https://evil.example.net', 'PUT', '/items/7'),
    );
    expect(response?.status).toBe(403);
    expect(response && corsHeadersOf(response)).toEqual({ vary: PREFLIGHT_VARY });
    expect(seen).toEqual([]);
  });
});

describe('the actual request after the preflight', () => {
  it('goes through the auth hooks, and a refusal keeps its CORS headers', async () => {
    const seen: string[] = [];
    const [response] = await exchange(
      serving(await guardedApp(seen)),
      fromOrigin(APP, 'PUT', '/items/7'),
    );
    expect(response?.status).toBe(401);
    expect(response?.body).toBe('sign in');
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
    expect(seen).toEqual(['onRequest PUT /items/7']);
  });
});

describe('OPTIONS requests that are not preflights', () => {
  it("reach the app's OPTIONS route when they have no Access-Control-Request-Method", async () => {
    const seen: string[] = [];
    const [response] = await exchange(
      serving(await guardedApp(seen)),
      fromOrigin(APP, 'OPTIONS', '/items/7', { Authorization: 'Bearer t' }),
    );
    expect(response?.status).toBe(200);
    expect(response?.headers['allow']).toEqual(['PUT, OPTIONS']);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
    expect(seen).toEqual(['onRequest OPTIONS /items/7', 'preHandler OPTIONS /items/7']);
  });

  it("reach the app's OPTIONS route when they have no Origin", async () => {
    const [response] = await exchange(serving(await guardedApp([])), {
      method: 'OPTIONS',
      path: '/items/7',
      headers: { 'Access-Control-Request-Method': 'PUT', Authorization: 'Bearer t' },
    });
    expect(response?.status).toBe(200);
    expect(response?.headers['allow']).toEqual(['PUT, OPTIONS']);
    expect(response && corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
  });

  it("get fastify's 404 where the app has no OPTIONS route", async () => {
    const [response] = await exchange(
      serving(await guardedApp([])),
      fromOrigin(APP, 'OPTIONS', '/nowhere', { Authorization: 'Bearer t' }),
    );
    expect(response?.status).toBe(404);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
  });
});

describe('routes', () => {
  it('the plugin adds none, so an app may declare OPTIONS * or all(*) itself', async () => {
    const withoutPlugin = Fastify();
    withoutPlugin.all('*', async () => 'catch-all');
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    app.all('*', async () => 'catch-all');
    await Promise.all([app.ready(), withoutPlugin.ready()]);
    expect(app.printRoutes()).toBe(withoutPlugin.printRoutes());
    const [plain, asked] = await exchange(
      serving(app),
      fromOrigin(APP, 'OPTIONS', '/anything'),
      preflight(APP, 'GET', '/anything'),
    );
    expect(plain?.body).toBe('catch-all');
    expect(asked?.status).toBe(204);
    expect(asked?.body).toBe('');
  });

  it('with preflight.continue, a preflight gets its headers and reaches the OPTIONS route', async () => {
    const app = Fastify();
    await app.register(cors, { origins: [APP], methods: ['PUT'], preflight: { continue: true } });
    app.put('/items/:id', async () => 'stored');
    app.options('*', async (_request, reply) => reply.code(204).send());
    const [response] = await exchange(serving(app), preflight(APP, 'PUT', '/items/7'));
    expect(response?.status).toBe(204);
    expect(response && corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
  });
});
