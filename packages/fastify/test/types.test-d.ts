import type { CorsInput } from '@corsica/cors-core';
import type {
  FastifyContextConfig,
  FastifyPluginAsync,
  FastifyRequest,
  RouteOptions,
  RouteShorthandOptions,
} from 'fastify';
import Fastify from 'fastify';
import { describe, expectTypeOf, it } from 'vitest';
import type { RouteCorsConfig } from '../src/index.ts';
import corsPlugin, { cors, createCors } from '../src/index.ts';

describe('the plugin', () => {
  it('is a FastifyPluginAsync of Corsica options or a compiled policy', () => {
    expectTypeOf(cors).toEqualTypeOf<FastifyPluginAsync<CorsInput<FastifyRequest>>>();
    expectTypeOf(corsPlugin).toEqualTypeOf<FastifyPluginAsync<CorsInput<FastifyRequest>>>();
  });

  it('registers with options, a compiled policy, or an asynchronous predicate', async () => {
    const app = Fastify();
    await app.register(cors, { origins: ['https://app.example.com'], credentials: true });
    await app.register(cors, createCors({ origins: '*' }));
    await app.register(cors, {
      origins: async (origin: string) => origin.endsWith('.example.com'),
    });
  });

  it("refuses @fastify/cors's option names", () => {
    // @ts-expect-error Corsica spells it `origins`
    void Fastify().register(cors, { origin: 'https://app.example.com' });
  });
});

describe('config.cors', () => {
  it('is declared on FastifyContextConfig', () => {
    expectTypeOf<FastifyContextConfig['cors']>().toEqualTypeOf<RouteCorsConfig | undefined>();
    expectTypeOf<RouteCorsConfig>().toEqualTypeOf<CorsInput<FastifyRequest> | false>();
  });

  it('takes options, a compiled policy or false on any route', () => {
    const app = Fastify();
    app.get('/a', { config: { cors: { origins: '*' } } }, async () => 'a');
    app.get('/b', { config: { cors: createCors({ origins: '*' }) } }, async () => 'b');
    app.get('/c', { config: { cors: false } }, async () => 'c');
    app.route({
      method: 'PUT',
      url: '/d',
      config: { cors: { origins: ['https://app.example.com'], methods: ['PUT'] } },
      handler: async () => 'd',
    });
  });

  it('refuses anything else where route options are typed', () => {
    // @ts-expect-error true is not a policy
    const enabled: RouteShorthandOptions = { config: { cors: true } };
    // @ts-expect-error Corsica spells it `origins`
    const misspelt: RouteOptions['config'] = { cors: { origin: '*' } };
    expectTypeOf([enabled, misspelt]).not.toBeNever();
  });

  it('is inferred, not checked, in an inline options object (fastify infers ContextConfig)', () => {
    // No compile error here; the plugin's compile at route declaration throws instead.
    const register = () => Fastify().get('/a', { config: { cors: true } }, async () => 'a');
    expectTypeOf(register).toBeFunction();
  });

  it('is readable in handlers and hooks', () => {
    Fastify().get('/x', async (request) => {
      expectTypeOf(request.routeOptions.config.cors).toEqualTypeOf<RouteCorsConfig | undefined>();
      return 'x';
    });
  });
});
