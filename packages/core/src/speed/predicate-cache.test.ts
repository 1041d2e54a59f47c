import { describe, expect, it, vi } from 'vitest';
import type { CorsDecision } from '../index.ts';
import { createCors } from '../index.ts';
import { request } from '../test-support/requests.ts';
import { PredicateCache } from './predicate-cache.ts';

const APP = 'https://app.example.com';

describe('the timeout of asynchronous predicates', () => {
  it('denies an origin whose check never settles, with its own reason, and tells onError', async () => {
    const onError = vi.fn();
    const cors = createCors({
      origins: () => new Promise<boolean>(() => {}),
      timeout: 10,
      onError,
    });
    const decision = await cors.decide(request('GET', { Origin: APP }, '/'));
    expect(decision).toMatchObject({ allowed: false, reason: 'origin-check-timeout' });
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ name: 'CheckTimeout' });
  });

  it('lets a check that settles in time decide', async () => {
    const cors = createCors({
      origins: (origin) =>
        new Promise<boolean>((resolve) => setTimeout(() => resolve(origin === APP), 2)),
      timeout: 1000,
    });
    expect((await cors.decide(request('GET', { Origin: APP }, '/'))).allowed).toBe(true);
  });

  it('is refused when it is not a whole number of milliseconds', () => {
    expect(() => createCors({ origins: [APP], timeout: -1 })).toThrow('timeout is a whole number');
  });
});

describe('the predicate cache', () => {
  function tenantPolicy(now: () => number) {
    const calls: string[] = [];
    const tenants = new Set([APP]);
    const cors = createCors({
      origins: async (origin) => {
        calls.push(origin);
        return tenants.has(origin);
      },
      cache: { ttlMs: 1000, negativeTtlMs: 100, maxEntries: 2, maxNegativeEntries: 2, now },
    });
    const get = (origin: string): Promise<CorsDecision> =>
      Promise.resolve(cors.decide(request('GET', { Origin: origin }, '/')));
    return { calls, get, tenants };
  }

  it('remembers answers for their ttl, denials for theirs', async () => {
    let now = 0;
    const { calls, get } = tenantPolicy(() => now);
    await get(APP);
    await get('https://evil.example');
    await get(APP);
    await get('https://evil.example');
    expect(calls).toStrictEqual([APP, 'https://evil.example']);
    now = 500; // past the denial's 100 ms, within the allowance's 1000 ms
    await get(APP);
    await get('https://evil.example');
    expect(calls).toStrictEqual([APP, 'https://evil.example', 'https://evil.example']);
  });

  it('keeps denied origins apart: a flood of them never pushes out an allowed one', async () => {
    const { calls, get } = tenantPolicy(() => 0);
    await get(APP);
    for (let i = 0; i < 50; i++) await get(`https://x${i}.evil`);
    await get(APP);
    expect(calls.filter((origin) => origin === APP)).toHaveLength(1);
  });

  it('shares one check among concurrent requests for one origin', async () => {
    const { calls, get } = tenantPolicy(() => 0);
    const answers = await Promise.all([get(APP), get(APP), get(APP)]);
    expect(answers.every((answer) => answer.allowed)).toBe(true);
    expect(calls).toStrictEqual([APP]);
  });

  it('caps the checks in flight', async () => {
    const release: (() => void)[] = [];
    const cors = createCors({
      origins: () => new Promise<boolean>((resolve) => release.push(() => resolve(true))),
      cache: { ttlMs: 1000, maxConcurrent: 2 },
      onError: () => {},
    });
    const pending = [1, 2, 3].map((n) =>
      Promise.resolve(cors.decide(request('GET', { Origin: `https://t${n}.example` }, '/'))),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const go of release) go();
    const answers = await Promise.all(pending);
    expect(answers.map((answer) => answer.reason)).toStrictEqual([
      undefined,
      undefined,
      'origin-check-failed',
    ]);
  });

  it('does not remember a failure', async () => {
    let fail = true;
    const cors = createCors({
      origins: async () => {
        if (fail) throw new Error('lookup failed');
        return true;
      },
      cache: { ttlMs: 1000 },
      onError: () => {},
    });
    expect((await cors.decide(request('GET', { Origin: APP }, '/'))).allowed).toBe(false);
    fail = false;
    expect((await cors.decide(request('GET', { Origin: APP }, '/'))).allowed).toBe(true);
  });

  it('needs a ttl', () => {
    expect(() => createCors({ origins: [APP], cache: {} as never })).toThrow('cache needs ttlMs');
  });
});

describe('the cache itself', () => {
  /** Remembers `answer` for each origin, as a settled check does. */
  async function remember(cache: PredicateCache, origins: readonly string[], answer: boolean) {
    for (const origin of origins) await cache.track(origin, Promise.resolve(answer));
  }
  const origins = (count: number, host = 'tenant'): string[] =>
    Array.from({ length: count }, (_, i) => `https://${host}${i}.example`);

  it('forgets an answer when its ttl has passed, not before', async () => {
    let now = 0;
    const cache = new PredicateCache({ ttlMs: 1000, negativeTtlMs: 100, now: () => now });
    await remember(cache, [APP], true);
    await remember(cache, ['https://evil.example'], false);
    now = 99;
    expect([cache.get(APP), cache.get('https://evil.example')]).toStrictEqual([true, false]);
    now = 100;
    expect([cache.get(APP), cache.get('https://evil.example')]).toStrictEqual([true, undefined]);
    now = 999;
    expect(cache.get(APP)).toBe(true);
    now = 1000;
    expect(cache.get(APP)).toBeUndefined();
  });

  it('keeps maxEntries allowed origins, forgetting the least recently used', async () => {
    const cache = new PredicateCache({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    await remember(cache, origins(2), true);
    expect(origins(2).map((origin) => cache.get(origin))).toStrictEqual([true, true]);
    await remember(cache, ['https://tenant2.example'], true);
    expect(origins(3).map((origin) => cache.get(origin))).toStrictEqual([undefined, true, true]);
  });

  it('keeps 1000 allowed origins by default', async () => {
    const cache = new PredicateCache({ ttlMs: 1000, now: () => 0 });
    await remember(cache, origins(1001), true);
    expect(cache.get('https://tenant0.example')).toBeUndefined();
    expect(cache.get('https://tenant1.example')).toBe(true);
    expect(cache.get('https://tenant1000.example')).toBe(true);
  });

  it('keeps as many denied origins as allowed ones by default', async () => {
    const cache = new PredicateCache({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    await remember(cache, origins(3, 'evil'), false);
    expect(origins(3, 'evil').map((origin) => cache.get(origin))).toStrictEqual([
      undefined,
      false,
      false,
    ]);
  });

  it('keeps maxNegativeEntries denied origins, apart from the allowed ones', async () => {
    const cache = new PredicateCache({
      ttlMs: 1000,
      maxEntries: 5,
      maxNegativeEntries: 1,
      now: () => 0,
    });
    await remember(cache, origins(2), true);
    await remember(cache, origins(2, 'evil'), false);
    expect([...origins(2), ...origins(2, 'evil')].map((origin) => cache.get(origin))).toStrictEqual(
      [true, true, undefined, false],
    );
  });
});
