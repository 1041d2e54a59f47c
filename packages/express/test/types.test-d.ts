import type { Cors, CorsInput } from '@corsica/cors-core';
import type { RequestHandler } from 'express';
import express from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import { cors, createCors } from '../src/index.ts';

describe('cors()', () => {
  it("returns express's own RequestHandler", () => {
    expectTypeOf(cors({ origins: ['https://app.example.com'] })).toEqualTypeOf<RequestHandler>();
  });

  it('takes Corsica options or a compiled policy', () => {
    expectTypeOf(cors).parameter(0).toEqualTypeOf<CorsInput>();
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

  it("refuses the cors package's option names", () => {
    // @ts-expect-error Corsica spells it `origins`
    cors({ origin: 'https://app.example.com' });
  });
});
