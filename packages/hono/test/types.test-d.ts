import { APP } from '@corsica/cors-testkit';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import type { CorsInput } from '../src/index.ts';
import { cors, createCors } from '../src/index.ts';

const policy = { origins: [APP] };

interface Bindings {
  readonly BUCKET: string;
}

describe('cors for Hono', () => {
  it("is Hono's MiddlewareHandler", () => {
    expectTypeOf(cors(policy)).toEqualTypeOf<MiddlewareHandler>();
    expectTypeOf(cors(createCors(policy))).toEqualTypeOf<MiddlewareHandler>();
  });

  it('plugs into apps with their own bindings', () => {
    new Hono().use('*', cors(policy));
    new Hono<{ Bindings: Bindings }>().use('/api/*', cors(policy));
  });

  it("gives origin predicates Hono's own c, with the app's bindings behind c.env", () => {
    expectTypeOf(cors).parameter(0).toEqualTypeOf<CorsInput<Context>>();
    cors({
      origins: (origin, c) => {
        expectTypeOf(c).toEqualTypeOf<Context>();
        return (c.env as Bindings).BUCKET === origin;
      },
    });
  });
});
