import { describe, expect, it } from 'vitest';
import type { CorsDecision, CorsDenialReason, CorsOptions } from '../index.ts';
import { CORS_DENIAL_REASONS, createCors } from '../index.ts';
import { request } from '../test-support/requests.ts';

const APP = 'https://app.example.com';
const policy: CorsOptions = {
  origins: [APP],
  methods: ['PUT'],
  allowedHeaders: ['X-Custom'],
  routes: [{ path: '/internal/*', disabled: true }],
};

function preflight(headers: Record<string, string>, path = '/api'): CorsDecision {
  return createCors(policy).decide(
    request('OPTIONS', { Origin: APP, ...headers }, path),
  ) as CorsDecision;
}

/** For each reason: a request that is denied for it, and what its message must say. */
const cases: Record<CorsDenialReason, { decision: () => CorsDecision; says: readonly string[] }> = {
  'origin-not-allowed': {
    decision: () =>
      createCors(policy).decide(
        request('GET', { Origin: 'https://evil.example' }, '/'),
      ) as CorsDecision,
    says: [
      'origin "https://evil.example" is not allowed',
      '"https://app.example.com"',
      'add "https://evil.example" to origins',
    ],
  },
  'origin-malformed': {
    decision: () =>
      createCors(policy).decide(
        request('GET', { Origin: 'https://app.example.com/' }, '/'),
      ) as CorsDecision,
    says: [
      '"https://app.example.com/" is not a serialized origin',
      'non-browser client or a proxy',
    ],
  },
  'origin-check-failed': {
    decision: () =>
      createCors({
        origins: () => {
          throw new RangeError('tenant lookup failed');
        },
      }).decide(request('GET', { Origin: APP })) as CorsDecision,
    says: ['threw "RangeError: tenant lookup failed"', 'onError, if set, received the error'],
  },
  'method-not-allowed': {
    decision: () => preflight({ 'Access-Control-Request-Method': 'patch' }),
    says: [
      'method "patch" is not allowed',
      'PUT and the safelisted GET, HEAD and POST',
      'write "PATCH" in the fetch call',
    ],
  },
  'method-over-limit': {
    decision: () =>
      createCors({ origins: [APP], methods: '*' }).decide(
        request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'A'.repeat(65) }),
      ) as CorsDecision,
    says: ['Access-Control-Request-Method is 65 bytes long, over the 64-byte limit'],
  },
  'method-malformed': {
    decision: () => preflight({ 'Access-Control-Request-Method': 'PUT, DELETE' }),
    says: ['"PUT, DELETE" is not a single method token'],
  },
  'header-not-allowed': {
    decision: () =>
      preflight({
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x-custom,authorization',
      }),
    says: [
      'request header "authorization" is not allowed',
      "allowedHeaders: ['*', 'Authorization']",
    ],
  },
  'header-malformed': {
    decision: () =>
      preflight({
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x custom',
      }),
    says: ['contains "x custom", which is not a header name'],
  },
  'headers-over-limit': {
    decision: () =>
      preflight({
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x'.repeat(5000),
      }),
    says: ["is 5000 bytes long, over this policy's limit"],
  },
  'path-unsafe': {
    decision: () => preflight({ 'Access-Control-Request-Method': 'PUT' }, '/api/../internal/x'),
    says: ['the request target "/api/../internal/x" is not a plain path'],
  },
  'path-ambiguous': {
    decision: () => preflight({ 'Access-Control-Request-Method': 'PUT' }, '/INTERNAL/x'),
    says: ['the path "/INTERNAL/x" could reach routes with different CORS policies', 'letter case'],
  },
  'path-not-covered': {
    decision: () =>
      createCors({ routes: [{ path: '/api/*', origins: [APP] }] }).decide(
        request('GET', { Origin: APP }, '/x'),
      ) as CorsDecision,
    says: ['no route of the policy covers the path "/x"'],
  },
  'cors-disabled': {
    decision: () => preflight({ 'Access-Control-Request-Method': 'PUT' }, '/internal/x'),
    says: ['CORS is disabled for the path "/internal/x"'],
  },
};

describe('denial messages', () => {
  it('covers every reason', () => {
    expect(Object.keys(cases).sort()).toStrictEqual([...CORS_DENIAL_REASONS].sort());
  });

  it.each(Object.entries(cases))('%s names the value and the fix', (reason, c) => {
    const decision = c.decision();
    expect(decision.reason).toBe(reason);
    for (const part of c.says) expect(decision.message).toContain(part);
  });

  it('quotes hostile values so they cannot forge log lines', () => {
    const decision = createCors(policy).decide(
      request('GET', { Origin: 'https://a\r\nX-Injected: 1' }, '/'),
    ) as CorsDecision;
    expect(decision.message).toContain('"https://a\\r\\nX-Injected: 1"');
    expect(decision.message).not.toMatch(/[\r\n]/);
  });

  it('cuts long values', () => {
    const decision = createCors(policy).decide(
      request('GET', { Origin: `https://${'a'.repeat(5000)}.example` }, '/'),
    ) as CorsDecision;
    expect(decision.message.length).toBeLessThan(600);
    expect(decision.message).toContain('(5016 characters)');
  });

  it('builds messages only when read', () => {
    const decision = createCors(policy).decide(
      request('GET', { Origin: 'https://evil.example' }, '/'),
    ) as CorsDecision;
    expect(Object.getOwnPropertyDescriptor(decision, 'message')).toBeUndefined();
    expect(
      typeof Object.getOwnPropertyDescriptor(Object.getPrototypeOf(decision), 'message')?.get,
    ).toBe('function');
  });

  it('explains allowed decisions too', () => {
    const cors = createCors({ ...policy, credentials: true });
    expect((cors.decide(request('GET', { Origin: APP }, '/')) as CorsDecision).message).toBe(
      'Allowed: origin "https://app.example.com" may read this response with credentials. The request goes on to the application.',
    );
    expect(
      preflight({
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x-custom',
      }).message,
    ).toBe(
      'Preflight allowed: origin "https://app.example.com" for method "PUT" and headers "x-custom". Corsica answers it with 204.',
    );
    expect((cors.decide(request('GET', {}, '/')) as CorsDecision).message).toBe(
      'Not a CORS request: there is no Origin header, so the application answers and Corsica adds only Vary: Origin, because the answer would differ with an Origin.',
    );
  });

  it('serializes to JSON with its reason and message', () => {
    const decision = createCors(policy).decide(
      request('GET', { Origin: 'https://evil.example' }, '/'),
    ) as CorsDecision;
    expect(JSON.parse(JSON.stringify(decision))).toMatchObject({
      kind: 'actual',
      allowed: false,
      reason: 'origin-not-allowed',
      value: 'https://evil.example',
      headers: [],
      vary: ['Origin'],
    });
  });
});
