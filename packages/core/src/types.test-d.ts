import { describe, expectTypeOf, it } from 'vitest';
import type {
  AllowedCorsDecision,
  AsyncCors,
  Cors,
  CorsDecision,
  CorsDenialReason,
  CorsHeader,
  CorsOptions,
  CorsRequest,
  DeniedCorsDecision,
  NonCorsDecision,
} from './index.ts';
import { createCors, toCors } from './index.ts';

declare const request: CorsRequest;

describe('reconfiguring', () => {
  it('a synchronous policy takes only synchronous options; an asynchronous one takes both', () => {
    const sync = createCors({ origins: ['https://app.example.com'] });
    sync.reconfigure({ origins: (origin) => origin === 'https://app.example.com' });
    // @ts-expect-error an async predicate would make its decisions pending
    sync.reconfigure({ origins: async () => true });
    expectTypeOf(sync.getOptions()).toEqualTypeOf<CorsOptions>();

    const pending = createCors({ origins: async () => true });
    pending.reconfigure({ origins: ['https://app.example.com'] });
    pending.reconfigure({ origins: async () => false });
  });
});

describe('sync and async policies', () => {
  it('a policy without predicates decides synchronously', () => {
    const cors = createCors({ origins: ['https://app.example.com'] });
    expectTypeOf(cors).toEqualTypeOf<Cors>();
    expectTypeOf(cors.decide(request)).toEqualTypeOf<CorsDecision>();
  });

  it('a synchronous predicate keeps decisions synchronous', () => {
    const cors = createCors({ origins: (origin) => origin.endsWith('.example.com') });
    expectTypeOf(cors).toEqualTypeOf<Cors>();
  });

  it('an asynchronous predicate makes decisions possibly pending', () => {
    const cors = createCors({ origins: async (origin) => origin === 'https://app.example.com' });
    expectTypeOf(cors).toEqualTypeOf<AsyncCors>();
    expectTypeOf(cors.decide(request)).toEqualTypeOf<CorsDecision | Promise<CorsDecision>>();
  });

  it('an asynchronous predicate in a route does too', () => {
    const cors = createCors({
      origins: ['https://app.example.com'],
      routes: [{ path: '/tenants/*', origins: async () => true }],
    });
    expectTypeOf(cors).toEqualTypeOf<AsyncCors>();
  });

  it('a synchronous handle can stand where an asynchronous one is accepted', () => {
    expectTypeOf<Cors>().toExtend<AsyncCors>();
    expectTypeOf<AsyncCors>().not.toExtend<Cors>();
  });

  it('toCors compiles options, or passes a handle through', () => {
    expectTypeOf(toCors({ origins: '*' })).toEqualTypeOf<Cors>();
    const handle = createCors({ origins: async () => true });
    expectTypeOf(toCors(handle)).toEqualTypeOf<Cors | AsyncCors>();
  });
});

describe('the decision union', () => {
  it('narrows on kind and allowed', () => {
    const decision = createCors({ origins: '*' }).decide(request);
    if (decision.kind === 'non-cors') {
      expectTypeOf(decision).toEqualTypeOf<NonCorsDecision>();
      expectTypeOf(decision.origin).toEqualTypeOf<undefined>();
      expectTypeOf(decision.status).toEqualTypeOf<undefined>();
    } else if (decision.allowed) {
      expectTypeOf(decision).toEqualTypeOf<AllowedCorsDecision>();
      expectTypeOf(decision.reason).toEqualTypeOf<undefined>();
      expectTypeOf(decision.origin).toEqualTypeOf<string>();
    } else {
      expectTypeOf(decision).toEqualTypeOf<DeniedCorsDecision>();
      expectTypeOf(decision.reason).toEqualTypeOf<CorsDenialReason>();
      expectTypeOf(decision.value).toEqualTypeOf<string>();
    }
    expectTypeOf(decision.headers).toEqualTypeOf<readonly CorsHeader[]>();
    expectTypeOf(decision.vary).toEqualTypeOf<readonly string[]>();
  });

  it('names every denial reason', () => {
    expectTypeOf<CorsDenialReason>().toEqualTypeOf<
      | 'origin-not-allowed'
      | 'origin-malformed'
      | 'origin-check-failed'
      | 'origin-check-timeout'
      | 'method-not-allowed'
      | 'method-malformed'
      | 'method-over-limit'
      | 'header-not-allowed'
      | 'header-malformed'
      | 'headers-over-limit'
      | 'path-unsafe'
      | 'path-ambiguous'
      | 'path-not-covered'
      | 'cors-disabled'
    >();
  });
});

describe('options', () => {
  it('accepts every documented shape', () => {
    expectTypeOf({
      origins: ['https://app.example.com', 'https://*.example.com', 'http://localhost:*'],
      credentials: ['https://app.example.com'],
      methods: '*',
      allowedHeaders: ['*', 'Authorization'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
      privateNetwork: true,
      preflight: { successStatus: 200, continue: false },
      rejectDisallowed: true,
      onError: (error: unknown) => void error,
      routes: [
        { path: '/public/*', origins: '*' },
        { path: '/internal/*', disabled: true },
      ],
    } as const).toExtend<CorsOptions>();
  });

  it('refuses shapes that are never valid', () => {
    // @ts-expect-error origins is a list, '*' or a predicate
    expectTypeOf({ origins: 'https://app.example.com' }).toExtend<CorsOptions>();
    // @ts-expect-error methods is a list or '*'
    expectTypeOf({ origins: '*', methods: 'GET' }).toExtend<CorsOptions>();
    // @ts-expect-error a predicate returns a boolean, not the origin to send
    expectTypeOf({ origins: (origin: string) => origin }).toExtend<CorsOptions>();
    const disabledRoute: CorsOptions['routes'] = [
      // @ts-expect-error a disabled route takes no policy options
      { path: '/x', disabled: true, origins: '*' },
    ];
    expectTypeOf(disabledRoute).not.toBeAny();
  });
});

describe('the handle', () => {
  it('explains, records, hooks and debugs on every compiled policy', () => {
    const cors = createCors({ origins: ['https://app.example.com'] });
    expectTypeOf(cors.explain).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(cors.revision).toEqualTypeOf<number>();
    expectTypeOf(cors.setDebug).parameter(0).toEqualTypeOf<boolean>();
  });
});
