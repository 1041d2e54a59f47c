import type { CorsOptions } from '@corsica/cors-core';
import {
  APP,
  corsHeadersOf,
  EVIL,
  exchange,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import Boom from '@hapi/boom';
import type { Request, Server } from '@hapi/hapi';
import { describe, expect, it } from 'vitest';
import corsByDefault, { CorsConfigError, cors, createCors } from '../src/index.ts';
import { hapiServer, serve } from './support.ts';

const policy: CorsOptions = { origins: [APP], credentials: true, methods: ['PUT'] };

async function started(server: Server, options: unknown = policy) {
  await server.register({ plugin: cors, options: options as CorsOptions });
  return serve(server);
}

describe('registration', () => {
  it('is the default export too', () => {
    expect(corsByDefault).toBe(cors);
  });

  it('rejects an invalid policy with a CorsConfigError naming server.register(cors)', async () => {
    const server = hapiServer(undefined);
    const registered = server.register({
      plugin: cors,
      options: { origins: 'https://a.com/' } as unknown as CorsOptions,
    });
    await expect(registered).rejects.toBeInstanceOf(CorsConfigError);
    await expect(registered).rejects.toThrow(/server\.register\(cors\)/);
  });

  it('accepts a policy compiled with createCors', async () => {
    const server = hapiServer(undefined);
    server.route({ method: 'GET', path: '/api/items', handler: () => 'ok' });
    const [response] = await exchange(
      () => started(server, createCors(policy)),
      fromOrigin(APP, 'GET', '/api/items'),
    );
    expect(corsHeadersOf(response!)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });
});

describe('authentication', () => {
  /** Every route requires a header the browser's preflight never carries. */
  function guarded(): Server {
    const server = hapiServer(undefined);
    server.auth.scheme('token', () => ({
      authenticate: (request, h) =>
        request.headers['x-token'] === 'secret'
          ? h.authenticated({ credentials: { user: 'ada' } })
          : h.unauthenticated(Boom.unauthorized('token required')),
    }));
    server.auth.strategy('token', 'token');
    server.auth.default('token');
    server.route({ method: 'PUT', path: '/api/items/{id}', handler: () => 'saved' });
    return server;
  }

  it('answers the preflight before authentication refuses it', async () => {
    const [response] = await exchange(
      () => started(guarded()),
      preflight(APP, 'PUT', '/api/items/1'),
    );
    expect(response?.status).toBe(204);
    expect(response?.headers['content-length']).toEqual(['0']);
    expect(corsHeadersOf(response!)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
  });

  it("puts the CORS headers on authentication's 401, so the page can read why", async () => {
    const [response] = await exchange(
      () => started(guarded()),
      fromOrigin(APP, 'PUT', '/api/items/1'),
    );
    expect(response?.status).toBe(401);
    expect(response?.headers['www-authenticate']).toBeUndefined();
    expect(corsHeadersOf(response!)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });
});

describe("hapi's router settings", () => {
  const publicRoute: CorsOptions = {
    origins: [APP],
    routes: [{ path: '/api/public/*', origins: '*' }],
  };

  function app(router: { isCaseSensitive?: boolean }): Server {
    const server = hapiServer(undefined, { router });
    server.route({ method: 'GET', path: '/api/{rest*}', handler: () => 'ran' });
    return server;
  }

  it('routes case-sensitively by default: /API/public is not the public route', async () => {
    const [response] = await exchange(
      () => started(app({}), publicRoute),
      fromOrigin(EVIL, 'GET', '/API/public/logo'),
    );
    expect(response?.status).toBe(404);
    expect(corsHeadersOf(response!)).toEqual({ vary: ['Origin'] });
  });

  it('with isCaseSensitive: false, /API/public reaches the handler and is the public route', async () => {
    const [response] = await exchange(
      () => started(app({ isCaseSensitive: false }), publicRoute),
      fromOrigin(EVIL, 'GET', '/API/public/logo'),
    );
    expect(response?.status).toBe(200);
    expect(corsHeadersOf(response!)).toEqual({ 'access-control-allow-origin': ['*'] });
  });
});

describe('origin predicates', () => {
  it("receive hapi's request, auth and route state not yet set (onRequest runs first)", async () => {
    const seen: unknown[] = [];
    const server = hapiServer(undefined);
    server.route({ method: 'GET', path: '/api/items', handler: () => 'ok' });
    const origins = (origin: string, request: Request): boolean => {
      seen.push([
        request.info.host.startsWith('127.0.0.1:'),
        request.path,
        request.auth.isAuthenticated,
      ]);
      return origin === APP;
    };
    await exchange(() => started(server, { origins }), fromOrigin(APP, 'GET', '/api/items'));
    expect(seen).toStrictEqual([[true, '/api/items', false]]);
  });
});

describe('the hapi the plugin runs on', () => {
  it('must be hapi 21 or later: an older hapi refuses the plugin when it registers', async () => {
    const server = hapiServer(undefined);
    // What a hapi 20 server reports; the plugin relies on hapi 21's lifecycle.
    Object.defineProperty(server, 'version', { value: '20.3.0' });
    await expect(server.register({ plugin: cors, options: { origins: [APP] } })).rejects.toThrow(
      'Plugin @corsica/cors-hapi requires hapi version >=21 but found 20.3.0',
    );
  });
});
