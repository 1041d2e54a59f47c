import type { Cors, CorsInput } from '@corsica/cors-core';
import type { Request, RequestHandler } from 'express';
import express from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import { cors, createCors } from '../src/index.ts';

describe('cors()', () => {
  it("returns express's own RequestHandler", () => {
    expectTypeOf(cors({ origins: ['https://app.example.com'] })).toEqualTypeOf<RequestHandler>();
  });

  it('takes Corsica options or a compiled policy', () => {
    expectTypeOf(cors).parameter(0).toEqualTypeOf<CorsInput<Request>>();
    expectTypeOf(createCors({ origins: '*' })).toEqualTypeOf<Cors>();
    expectTypeOf(cors).toBeCallableWith(createCors({ origins: '*' }));
    expectTypeOf(cors).toBeCallableWith({ origins: async (origin: string) => origin !== '' });
  });

  it('fits app.use, router.use and route handler lists', () => {
    const app = express();
    const router = express.Router();
    app.use(cors({ origins: '*' }));
    router.use(cors({ origins: '*' }));
    app.put('/items/:id', cors({ origins: '*' }), (_req, res) => {
      res.end();
    });
  });

  it("gives origin predicates express's own req", () => {
    cors({
      origins: (origin, req) => {
        expectTypeOf(req).toEqualTypeOf<Request>();
        return origin.endsWith(`.${req.hostname}`);
      },
    });
  });

  it("refuses the cors package's option names", () => {
    // @ts-expect-error Corsica spells it `origins`
    cors({ origin: 'https://app.example.com' });
  });
});
