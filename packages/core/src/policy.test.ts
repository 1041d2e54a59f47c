import { describe, expect, it } from 'vitest';
import type { CorsDecision, CorsRequest } from './index.ts';
import { createCors } from './index.ts';
import { preflight, request } from './test-support/requests.ts';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';

/** The fields adapters read, for exact comparison. */
function fields(decision: CorsDecision): Record<string, unknown> {
  const { kind, allowed, reason, status, headers, vary } = decision;
  return { kind, allowed, reason, status, headers, vary };
}

describe("origins: '*' (every response the same)", () => {
  it('answers a request without Origin with `*`, varying on nothing', () => {
    const anyOrigin = createCors({ origins: '*' });
    expect(fields(anyOrigin.decide(request('GET', {}, '/')))).toStrictEqual({
      kind: 'non-cors',
      allowed: true,
      reason: undefined,
      status: undefined,
      headers: [['access-control-allow-origin', '*']],
      vary: [],
    });
  });

  it('varies on Origin for an OPTIONS request shaped like a preflight but without Origin (with one it would be a preflight)', () => {
    const anyOrigin = createCors({ origins: '*' });
    const shaped = request('OPTIONS', { 'Access-Control-Request-Method': 'PUT' }, '/');
    expect(fields(anyOrigin.decide(shaped))).toStrictEqual({
      kind: 'non-cors',
      allowed: true,
      reason: undefined,
      status: undefined,
      headers: [['access-control-allow-origin', '*']],
      vary: ['Origin'],
    });
  });

  it('does not vary on Origin for Access-Control-Request-Method outside OPTIONS, nor for an absent one', () => {
    const anyOrigin = createCors({ origins: '*' });
    const get = request('GET', { 'Access-Control-Request-Method': 'PUT' }, '/');
    expect(anyOrigin.decide(get).vary).toStrictEqual([]);
    // Fetch's Headers.get() answers null for an absent header.
    const fetchLike: CorsRequest = { method: 'OPTIONS', header: () => null };
    expect(fields(anyOrigin.decide(fetchLike))).toMatchObject({ kind: 'non-cors', vary: [] });
  });

  it('lets every origin read, the opaque "null" of a sandboxed document too (https://fetch.spec.whatwg.org/#cors-check)', () => {
    const anyOrigin = createCors({ origins: '*' });
    for (const origin of [APP, 'null']) {
      expect(fields(anyOrigin.decide(request('GET', { Origin: origin }, '/')))).toStrictEqual({
        kind: 'actual',
        allowed: true,
        reason: undefined,
        status: undefined,
        headers: [['access-control-allow-origin', '*']],
        vary: [],
      });
    }
  });

  it('answers a repeated preflight from the same origin with the same decision, and another origin with its own', () => {
    const cors = createCors({ origins: '*', methods: ['PUT'] });
    const first = cors.decide(preflight(APP, 'PUT'));
    expect(cors.decide(preflight(APP, 'PUT'))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const other = cors.decide(preflight(ADMIN, 'PUT'));
    expect(other).not.toBe(first);
    expect([other.origin, other.allowed]).toStrictEqual([ADMIN, true]);
  });
});

describe('a listed origin', () => {
  it('gets one shared, frozen decision for a preflight it repeats', () => {
    const cors = createCors({ origins: [APP], methods: ['PUT'] });
    const first = cors.decide(preflight(APP, 'PUT', 'content-type'));
    expect(first.reason).toBe('header-not-allowed');
    const allowed = cors.decide(preflight(APP, 'PUT'));
    expect(cors.decide(preflight(APP, 'PUT'))).toBe(allowed);
    expect(Object.isFrozen(allowed)).toBe(true);
  });
});

describe('several Origin field lines', () => {
  it('are one malformed origin, joined as the browser would never send it', () => {
    const cors = createCors({ origins: [APP, ADMIN] });
    const decision = cors.decide(request('GET', { Origin: [APP, ADMIN] }, '/'));
    expect(decision).toMatchObject({
      allowed: false,
      reason: 'origin-malformed',
      value: 'https://app.example.com, https://admin.example.com',
    });
  });
});

describe('an origins predicate that throws', () => {
  it('denies the actual request as an actual request', () => {
    const cors = createCors({
      origins: () => {
        throw new Error('down');
      },
    });
    expect(fields(cors.decide(request('GET', { Origin: APP }, '/')))).toStrictEqual({
      kind: 'actual',
      allowed: false,
      reason: 'origin-check-failed',
      status: undefined,
      headers: [],
      vary: ['Origin'],
    });
  });
});

describe('debug mode', () => {
  const vary = ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'];

  it('answers for an origin a predicate allowed with that origin, and no credentials unless granted', () => {
    const cors = createCors({
      origins: (origin) => origin === APP,
      methods: ['PUT'],
      debug: true,
    });
    expect(fields(cors.decide(preflight(APP, 'DELETE')))).toStrictEqual({
      kind: 'preflight',
      allowed: false,
      reason: 'method-not-allowed',
      status: 204,
      headers: [['access-control-allow-origin', APP]],
      vary,
    });
  });

  it('lists the allowed request headers only when some were asked for and allowed', () => {
    const cors = createCors({ origins: [APP], allowedHeaders: ['X-A'], debug: true });
    expect(cors.decide(preflight(APP, 'PUT', 'x-a')).headers).toStrictEqual([
      ['access-control-allow-origin', APP],
      ['access-control-allow-headers', 'x-a'],
    ]);
    expect(cors.decide(preflight(APP, 'PUT', 'x-b')).headers).toStrictEqual([
      ['access-control-allow-origin', APP],
    ]);
  });

  it('keeps the 403 for a malformed method or header: there is nothing the policy could add', () => {
    const cors = createCors({
      origins: [APP],
      methods: ['PUT'],
      allowedHeaders: ['X-A'],
      debug: true,
    });
    for (const req of [preflight(APP, 'PU T'), preflight(APP, 'PUT', 'x-a,x(')]) {
      expect(fields(cors.decide(req))).toMatchObject({ allowed: false, status: 403, headers: [] });
    }
    expect(cors.decide(preflight(APP, 'PU T')).reason).toBe('method-malformed');
    expect(cors.decide(preflight(APP, 'PUT', 'x-a,x(')).reason).toBe('header-malformed');
  });
});
