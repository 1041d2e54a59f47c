import type { CorsInput } from '@corsica/cors-core';
import { createCors } from '@corsica/cors-core';
import { APP } from '@corsica/cors-testkit';
import { describe, expectTypeOf, it } from 'vitest';
import type { FetchCorsContext } from '../src/index.ts';
import { withCors } from '../src/index.ts';

const policy = { origins: [APP] };

interface Bindings {
  readonly BUCKET: string;
}
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}
/** A narrower request, as Next.js route handlers receive. */
interface NextRequest extends Request {
  readonly nextUrl: URL;
}

describe('withCors', () => {
  it("keeps a Workers handler's type: request, env, ctx, and a promised Response", () => {
    const handler = async (
      _request: Request,
      _env: Bindings,
      _ctx: ExecutionContext,
    ): Promise<Response> => new Response('ok');
    const wrapped = withCors(policy, handler);
    expectTypeOf(wrapped).toEqualTypeOf<typeof handler>();
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[Request, Bindings, ExecutionContext]>();
    expectTypeOf(wrapped).returns.toEqualTypeOf<Promise<Response>>();
  });

  it('keeps a narrower request type and a route context', () => {
    const handler = (
      _request: NextRequest,
      _context: { params: Promise<{ id: string }> },
    ): Response => new Response('ok');
    const wrapped = withCors(policy, handler);
    expectTypeOf(wrapped).parameters.toEqualTypeOf<
      [NextRequest, { params: Promise<{ id: string }> }]
    >();
    expectTypeOf(wrapped).toExtend<
      (
        request: NextRequest,
        context: { params: Promise<{ id: string }> },
      ) => Response | Promise<Response>
    >();
  });

  it('takes options, options with an async predicate, or a compiled policy', () => {
    expectTypeOf(withCors<Request, []>)
      .parameter(0)
      .toEqualTypeOf<CorsInput<FetchCorsContext<Request, undefined>>>();
    withCors({ origins: async (origin) => origin.endsWith('.example.com') }, () => new Response());
    withCors(createCors(policy), () => new Response());
  });

  it('refuses a handler that does not answer with a Response', () => {
    // @ts-expect-error a handler answers with a Response
    withCors(policy, () => 'ok');
    // @ts-expect-error origins is a list, '*' or a predicate
    withCors({ origins: true }, () => new Response());
  });
});
