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
const cases: Record<
  CorsDenialReason,
  { decision: () => CorsDecision | Promise<CorsDecision>; says: readonly string[] }
> = {
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
  'origin-check-timeout': {
    decision: () =>
      createCors({ origins: () => new Promise<boolean>(() => {}), timeout: 5 }).decide(
        request('GET', { Origin: APP }, '/'),
      ),
    says: ['did not answer for "https://app.example.com" within the policy\'s timeout (5 ms)'],
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

/** Any handle explains any decision: the decision carries the policy that made it. */
const explain = (decision: CorsDecision): Promise<string> =>
  createCors({ origins: '*' }).explain(decision);

describe('explanations', () => {
  it('covers every reason', () => {
    expect(Object.keys(cases).sort()).toStrictEqual([...CORS_DENIAL_REASONS].sort());
  });

  it.each(Object.entries(cases))('%s names the value and the fix', async (reason, c) => {
    const decision = await c.decision();
    expect(decision.reason).toBe(reason);
    const explained = await explain(decision);
    for (const part of c.says) expect(explained).toContain(part);
  });

  it('quotes hostile values so they cannot forge log lines', async () => {
    const decision = createCors(policy).decide(
      request('GET', { Origin: 'https://a\r\nX-Injected: 1\u2028\u202e' }, '/'),
    ) as CorsDecision;
    const explained = await explain(decision);
    expect(explained).toContain('"https://a\\r\\nX-Injected: 1\\u2028\\u202e"');
    expect(explained).not.toMatch(/[\r\n\u2028\u202e]/);
  });

  it('cuts long values', async () => {
    const decision = createCors(policy).decide(
      request('GET', { Origin: `https://${'a'.repeat(5000)}.example` }, '/'),
    ) as CorsDecision;
    const explained = await explain(decision);
    expect(explained.length).toBeLessThan(700);
    expect(explained).toContain('…(+4760)');
  });

  it('builds nothing until asked: a decision carries no sentence', () => {
    const decision = createCors(policy).decide(
      request('GET', { Origin: 'https://evil.example' }, '/'),
    ) as CorsDecision;
    expect('message' in decision).toBe(false);
  });

  it('explains allowed decisions too, naming the rule that allowed them', async () => {
    const cors = createCors({ ...policy, credentials: true });
    expect(await cors.explain(cors.decide(request('GET', { Origin: APP }, '/')))).toBe(
      'Allowed by origins entry "https://app.example.com", with credentials: true: origin "https://app.example.com" may read this response with credentials. The request goes on to the application.',
    );
    expect(
      await explain(
        preflight({
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'x-custom',
        }),
      ),
    ).toBe(
      'Preflight allowed by origins entry "https://app.example.com": origin "https://app.example.com" for method "PUT" and headers "x-custom". Corsica answers it with 204.',
    );
    expect(await cors.explain(request('GET', {}, '/'))).toBe(
      'Not a CORS request: there is no Origin header, so the application answers and Corsica adds only Vary: Origin, because the answer would differ with an Origin.',
    );
  });

  it('names the pattern and the credentials entry that matched', async () => {
    const cors = createCors({
      origins: '*',
      credentials: ['https://*.example.com'],
    });
    expect(
      await cors.explain(request('GET', { Origin: 'https://shop.example.com' }, '/')),
    ).toContain('Allowed by origins: \'*\', with credentials entry "https://*.example.com"');
  });

  it('serializes to JSON with its reason', () => {
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
