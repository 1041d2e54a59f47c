import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CorsDecision } from './index.ts';
import { createCors, isPendingDecision } from './index.ts';
import { request, responseHeaders } from './test-support/requests.ts';

const APP = 'https://app.example.com';

describe('a synchronous origins predicate', () => {
  it('allows what it returns true for, with the request in hand', () => {
    const predicate = vi.fn((origin: string) => origin.endsWith('.example.com'));
    const cors = createCors({ origins: predicate, credentials: true });
    const req = request('GET', { Origin: APP });
    const decision = cors.decide(req);
    expect(predicate).toHaveBeenCalledWith(APP, req);
    expect(responseHeaders(decision)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
  });

  it('denies what it returns false for', () => {
    const decision = createCors({ origins: () => false }).decide(request('GET', { Origin: APP }));
    expect(decision).toMatchObject({ allowed: false, reason: 'origin-not-allowed', value: APP });
  });

  it.each([
    'https://evil.example.net#.example.com',
    'https://a.example.com/',
    'https://APP.example.com',
    'null',
    '',
  ])('is never asked about the malformed origin %j', (origin) => {
    const predicate = vi.fn(() => true);
    const decision = createCors({ origins: predicate }).decide(request('GET', { Origin: origin }));
    expect(predicate).not.toHaveBeenCalled();
    expect(decision.allowed).toBe(false);
  });

  it("is asked about 'null' only with dangerouslyAllowNullOrigin", () => {
    const predicate = vi.fn(() => true);
    const decision = createCors({ origins: predicate, dangerouslyAllowNullOrigin: true }).decide(
      request('GET', { Origin: 'null' }),
    );
    expect(predicate).toHaveBeenCalledWith('null', expect.anything());
    expect(decision.allowed).toBe(true);
  });

  it('turns a throw into a denial and hands the error to onError', async () => {
    const failure = new Error('database down');
    const onError = vi.fn();
    const cors = createCors({
      origins: () => {
        throw failure;
      },
      onError,
    });
    const req = request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET' });
    const decision = cors.decide(req);
    expect(decision).toMatchObject({
      kind: 'preflight',
      allowed: false,
      reason: 'origin-check-failed',
      status: 403,
    });
    expect(await cors.explain(decision)).toContain('threw "Error: database down"');
    expect(onError).toHaveBeenCalledWith(failure, req);
  });

  it('survives an onError hook that throws', () => {
    const cors = createCors({
      origins: () => {
        throw new Error('x');
      },
      onError: () => {
        throw new Error('hook');
      },
    });
    expect(cors.decide(request('GET', { Origin: APP })).reason).toBe('origin-check-failed');
  });

  it('denies a non-boolean answer instead of trusting it', () => {
    const onError = vi.fn();
    const cors = createCors({ origins: (() => APP) as unknown as () => boolean, onError });
    expect(cors.decide(request('GET', { Origin: APP })).reason).toBe('origin-check-failed');
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(TypeError);
  });
});

describe('an asynchronous origins predicate', () => {
  it('decides asynchronously when the predicate is needed', async () => {
    const cors = createCors({ origins: async (origin) => origin === APP, methods: ['PUT'] });
    const pending = cors.decide(
      request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }),
    );
    expect(isPendingDecision(pending)).toBe(true);
    expect(responseHeaders(await pending)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'PUT',
      'content-length': '0',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
  });

  it('decides requests without Origin, and malformed origins, synchronously', () => {
    const cors = createCors({ origins: async () => true });
    const nonCors = cors.decide(request('GET'));
    const malformed = cors.decide(request('GET', { Origin: 'https://a.example.com/' }));
    expect(isPendingDecision(nonCors)).toBe(false);
    expect(isPendingDecision(malformed)).toBe(false);
    expect((malformed as CorsDecision).reason).toBe('origin-malformed');
  });

  it('turns a rejection into a denial', async () => {
    const onError = vi.fn();
    const cors = createCors({ origins: () => Promise.reject(new Error('timeout')), onError });
    const decision = await cors.decide(request('GET', { Origin: APP }));
    expect(decision).toMatchObject({
      allowed: false,
      reason: 'origin-check-failed',
      status: undefined,
    });
    expect(onError).toHaveBeenCalledOnce();
  });

  it('checks the method and headers after the origin resolves', async () => {
    const cors = createCors({ origins: async () => true, methods: ['PUT'] });
    const decision = await cors.decide(
      request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PATCH' }),
    );
    expect(decision).toMatchObject({
      allowed: false,
      reason: 'method-not-allowed',
      value: 'PATCH',
    });
  });
});

describe('a predicate that returns a string (the @koa/cors and hono/cors habit)', () => {
  it('is a denial that says so, with or without onError', async () => {
    const cors = createCors({
      origins: ((origin: string) => origin) as unknown as (origin: string) => boolean,
    });
    const decision = cors.decide(request('GET', { Origin: 'https://app.example.com' }, '/'));
    expect(decision).toMatchObject({ allowed: false, reason: 'origin-check-failed' });
    expect(await cors.explain(decision)).toContain(
      'returned the string "https://app.example.com" instead of true or false (Corsica writes the header itself; the predicate only says yes or no)',
    );
  });
});

describe('the timeout of an asynchronous predicate', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('denies with origin-check-timeout when the predicate has not answered in time', async () => {
    vi.useFakeTimers();
    const cors = createCors({ origins: () => new Promise<boolean>(() => {}), timeout: 50 });
    const pending = cors.decide(request('GET', { Origin: APP }));
    await vi.advanceTimersByTimeAsync(50);
    expect(await pending).toMatchObject({ allowed: false, reason: 'origin-check-timeout' });
  });

  it('leaves no timer behind once the predicate answers or fails', async () => {
    vi.useFakeTimers();
    const allowing = createCors({ origins: async () => true, timeout: 60_000 });
    expect((await allowing.decide(request('GET', { Origin: APP }))).allowed).toBe(true);
    const failing = createCors({
      origins: () => Promise.reject(new Error('down')),
      timeout: 60_000,
    });
    expect((await failing.decide(request('GET', { Origin: APP }))).reason).toBe(
      'origin-check-failed',
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('works where timers are plain numbers (browsers, Deno), which have no unref()', async () => {
    const [realSetTimeout, realClearTimeout] = [setTimeout, clearTimeout];
    const timers = new Map<number, ReturnType<typeof setTimeout>>();
    let next = 0;
    vi.stubGlobal('setTimeout', (callback: () => void, ms: number): number => {
      timers.set(++next, realSetTimeout(callback, ms));
      return next;
    });
    vi.stubGlobal('clearTimeout', (id: number): void => realClearTimeout(timers.get(id)));
    const cors = createCors({ origins: async (origin) => origin === APP, timeout: 1000 });
    expect(await cors.decide(request('GET', { Origin: APP }))).toMatchObject({ allowed: true });
    expect(next).toBe(1);
  });
});
