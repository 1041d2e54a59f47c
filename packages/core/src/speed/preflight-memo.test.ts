import { describe, expect, it, vi } from 'vitest';
import type { CorsDecision } from '../index.ts';
import { createCors } from '../index.ts';
import { request } from '../test-support/requests.ts';
import { PreflightMemo } from './preflight-memo.ts';

const APP = 'https://app.example.com';

function preflight(
  origin: string,
  method: string,
  requestHeaders?: string,
  extra: Record<string, string> = {},
) {
  return request('OPTIONS', {
    Origin: origin,
    'Access-Control-Request-Method': method,
    ...(requestHeaders === undefined ? {} : { 'Access-Control-Request-Headers': requestHeaders }),
    ...extra,
  });
}

describe('remembered preflights', () => {
  const cors = createCors({
    origins: [APP, 'https://*.example.org'],
    methods: ['PUT'],
    allowedHeaders: ['X-A', 'X-B'],
  });

  it('answers a repeated preflight of a listed origin with the same immutable decision', () => {
    const first = cors.decide(preflight(APP, 'PUT', 'x-a,x-b'));
    const again = cors.decide(preflight(APP, 'PUT', 'x-a,x-b'));
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('keys on the exact method and ACRH bytes', () => {
    const first = cors.decide(preflight(APP, 'PUT', 'x-a')) as CorsDecision;
    expect(cors.decide(preflight(APP, 'PUT', 'x-a,x-b'))).not.toBe(first);
    expect(cors.decide(preflight(APP, 'put', 'x-a'))).toMatchObject({
      allowed: false,
      reason: 'method-not-allowed',
    });
    expect(cors.decide(preflight(APP, 'PUT', 'x-a,x-c'))).toMatchObject({
      allowed: false,
      value: 'x-c',
    });
  });

  it('builds a pattern-matched origin its own answer every time', () => {
    const a = cors.decide(preflight('https://a.example.org', 'PUT', 'x-a')) as CorsDecision;
    const b = cors.decide(preflight('https://b.example.org', 'PUT', 'x-a')) as CorsDecision;
    expect(a.headers[0]).toStrictEqual(['access-control-allow-origin', 'https://a.example.org']);
    expect(b.headers[0]).toStrictEqual(['access-control-allow-origin', 'https://b.example.org']);
  });

  it("under '*', never hands one origin's decision to another", () => {
    const open = createCors({ origins: '*', methods: ['PUT'] });
    const a = open.decide(preflight('https://a.example', 'PUT')) as CorsDecision;
    const b = open.decide(preflight('https://b.example', 'PUT')) as CorsDecision;
    expect(a.origin).toBe('https://a.example');
    expect(b.origin).toBe('https://b.example');
  });

  it('asks an origin predicate every time', () => {
    const predicate = vi.fn(() => true);
    const dynamic = createCors({ origins: predicate, methods: ['PUT'] });
    dynamic.decide(preflight(APP, 'PUT'));
    dynamic.decide(preflight(APP, 'PUT'));
    expect(predicate).toHaveBeenCalledTimes(2);
    predicate.mockReturnValue(false);
    expect(dynamic.decide(preflight(APP, 'PUT'))).toMatchObject({
      allowed: false,
      reason: 'origin-not-allowed',
    });
  });

  it('never remembers a Private Network Access grant for requests that did not ask', () => {
    const pna = createCors({ origins: [APP], privateNetwork: true });
    const asked = pna.decide(
      preflight(APP, 'GET', undefined, { 'Access-Control-Request-Private-Network': 'true' }),
    ) as CorsDecision;
    const plain = pna.decide(preflight(APP, 'GET')) as CorsDecision;
    expect(asked.headers).toContainEqual(['access-control-allow-private-network', 'true']);
    expect(plain.headers).not.toContainEqual(['access-control-allow-private-network', 'true']);
  });
});

describe('the memo itself', () => {
  it('holds at most its capacity, replacing entries round-robin', () => {
    const memo = new PreflightMemo<number>(4);
    for (let i = 0; i < 100; i++) memo.set('PUT', `x-${i}`, i);
    expect(memo.size).toBe(4);
    expect(memo.get('PUT', 'x-99')).toBe(99);
    expect(memo.get('PUT', 'x-0')).toBeUndefined();
  });

  it('never stores keys over 4 KiB', () => {
    const memo = new PreflightMemo<number>(4);
    memo.set('PUT', 'x'.repeat(5000), 1);
    expect(memo.size).toBe(0);
  });

  it('stores a key of exactly 4 KiB, method and request headers together', () => {
    const memo = new PreflightMemo<number>(4);
    memo.set('PUT', 'x'.repeat(4096 - 3), 1);
    memo.set('PUT', 'x'.repeat(4096 - 2), 2);
    expect(memo.size).toBe(1);
    expect(memo.get('PUT', 'x'.repeat(4096 - 3))).toBe(1);
  });
});
