import { APP } from '@corsica/cors-testkit';
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import Koa from 'koa';
import { describe, expectTypeOf, it } from 'vitest';
import type { CorsInput } from '../src/index.ts';
import { cors, createCors } from '../src/index.ts';

describe('cors', () => {
  it("returns koa's Middleware", () => {
    expectTypeOf(cors({ origins: [APP] })).toEqualTypeOf<Middleware>();
  });

  it('takes options, options with an async predicate, or a compiled policy', () => {
    expectTypeOf(cors).parameter(0).toEqualTypeOf<CorsInput<Context>>();
    expectTypeOf(cors({ origins: async (origin) => origin === APP })).toEqualTypeOf<Middleware>();
    expectTypeOf(cors(createCors({ origins: '*' }))).toEqualTypeOf<Middleware>();
  });

  it("gives origin predicates koa's ctx", () => {
    cors({
      origins: (origin, ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<Context>();
        return origin === `https://${ctx.host}`;
      },
    });
  });

  it('plugs into an app and into a router', () => {
    new Koa().use(cors({ origins: [APP] }));
    new Router().use(cors({ origins: [APP] }));
  });

  it('refuses what is not a policy', () => {
    // @ts-expect-error origins is a list, '*' or a predicate
    cors({ origins: true });
    // @ts-expect-error a preflight status is a number
    cors({ origins: [APP], preflight: { successStatus: '204' } });
  });
});
