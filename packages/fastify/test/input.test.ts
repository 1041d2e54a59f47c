import type { CorsInput } from '@corsica/cors-core';
import {
  APP,
  corsHeadersOf,
  EVIL,
  exchange,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import corsPlugin, { CorsConfigError, cors, createCors } from '../src/index.ts';
import { serving } from './support/serving.ts';

/** What `app.register(cors, options)` rejects with. */
async function registrationError(options: unknown): Promise<unknown> {
  try {
    await Fastify().register(cors, options as CorsInput<unknown>);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('registration', () => {
  it('compiles the policy: a mistake rejects app.register with every problem listed', async () => {
    const error = await registrationError({
      origins: ['https://app.example.com/', 'https://*.com'],
      methods: ['patch'],
    });
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems.map((problem) => problem.code)).toEqual([
      'origin-trailing-slash',
      'origin-pattern-public-suffix',
      'method-case',
    ]);
  });

  it('rejects app.ready() when the registration was not awaited', async () => {
    const app = Fastify();
    void app.register(cors, { origins: '*', credentials: true });
    await expect(app.ready()).rejects.toThrow(CorsConfigError);
  });

  it("refuses @fastify/cors's option names, and a registration without options", async () => {
    const peer = (await registrationError({ origin: APP, credentials: true })) as CorsConfigError;
    expect(peer.problems.map((problem) => [problem.code, problem.option])).toEqual([
      ['option-unknown', 'origin'],
      ['origins-missing', 'origins'],
    ]);
    const none = (await registrationError(undefined)) as CorsConfigError;
    expect(none.problems.map((problem) => problem.code)).toEqual(['origins-missing']);
  });

  it('is the default export and the named one, under a name other plugins can depend on', async () => {
    expect(corsPlugin).toBe(cors);
    const app = Fastify();
    await app.register(cors, { origins: [APP] });
    await app.register(fp(async () => {}, { dependencies: ['@corsica/cors-fastify'] }));
    await expect(app.ready()).resolves.toBe(app);
  });
});

describe('a compiled policy', () => {
  it('from createCors is used as is', async () => {
    const app = Fastify();
    await app.register(cors, createCors({ origins: [APP], credentials: true, methods: ['PUT'] }));
    app.put('/items/:id', async () => 'stored');
    const [asked, actual] = await exchange(
      serving(app),
      preflight(APP, 'PUT', '/items/7'),
      fromOrigin(APP, 'PUT', '/items/7'),
    );
    expect(asked?.status).toBe(204);
    expect(asked && corsHeadersOf(asked)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(actual?.body).toBe('stored');
    expect(actual && corsHeadersOf(actual)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });
});

describe('an asynchronous origin predicate', () => {
  async function tenantApp(errors: unknown[]) {
    const tenants = new Set([APP]);
    const app = Fastify();
    await app.register(cors, {
      origins: async (origin) => {
        if (origin === 'https://down.example.com') throw new Error('tenant lookup failed');
        return tenants.has(origin);
      },
      methods: ['PUT'],
      onError: (error) => errors.push(error),
    });
    app.put('/items/:id', async () => 'stored');
    return app;
  }

  it('is awaited before the preflight is answered', async () => {
    const [allowed, denied] = await exchange(
      serving(await tenantApp([])),
      preflight(APP, 'PUT', '/items/7'),
      preflight(EVIL, 'PUT', '/items/7'),
    );
    expect(allowed?.status).toBe(204);
    expect(allowed && corsHeadersOf(allowed)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(denied?.status).toBe(403);
    expect(denied && corsHeadersOf(denied)).toEqual({ vary: PREFLIGHT_VARY });
  });

  it('that throws denies the request and reports to onError, never a 500', async () => {
    const errors: unknown[] = [];
    const [response] = await exchange(
      serving(await tenantApp(errors)),
      fromOrigin('https://down.example.com', 'PUT', '/items/7'),
    );
    expect(response?.status).toBe(200);
    expect(response?.body).toBe('stored');
    expect(response && corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
    expect(errors.map((error) => (error as Error).message)).toEqual(['tenant lookup failed']);
  });
});
