import { describe, expect, it } from 'vitest';
import type { CorsConfigProblem, CorsDecision, CorsOptions } from './index.ts';
import { CorsConfigError, createCors } from './index.ts';
import { request, responseHeaders } from './test-support/requests.ts';

/**
 * The security regression suite for what is decided when a policy is built: one test per class of
 * vulnerability found in other CORS libraries, each named after the public advisory or issue it
 * models. What depends on a framework (Vary on the wire, paths a router reads, hostile bytes over
 * HTTP, faults) is tested against every adapter by the testkit (`security-cases.ts`,
 * `fault-cases.ts`).
 */

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

function refusal(options: unknown): readonly (readonly [code: string, option: string])[] {
  try {
    createCors(options as CorsOptions);
  } catch (error) {
    if (error instanceof CorsConfigError)
      return error.problems.map((p: CorsConfigProblem) => [p.code, p.option] as const);
    throw error;
  }
  throw new Error('createCors accepted the policy');
}

function get(options: CorsOptions, origin: string): Record<string, string> {
  return responseHeaders(
    createCors(options).decide(request('GET', { Origin: origin })) as CorsDecision,
  );
}

function preflight(
  options: CorsOptions,
  origin: string,
  headers: Record<string, string> = {},
): CorsDecision {
  return createCors(options).decide(
    request('OPTIONS', { Origin: origin, 'Access-Control-Request-Method': 'PUT', ...headers }),
  ) as CorsDecision;
}

describe('reflecting any origin with credentials', () => {
  it('cors GHSA-8gfh-8qhq-hv6f: never reflects an arbitrary origin with credentials', () => {
    // `origin: true` (reflect) is cors's spelling; Corsica has no reflection switch at all.
    expect(refusal({ origin: true, credentials: true })).toStrictEqual([
      ['option-unknown', 'origin'],
      ['origins-missing', 'origins'],
    ]);
    expect(refusal({ origins: true, credentials: true })).toStrictEqual([
      ['option-type', 'origins'],
    ]);
    expect(refusal({ origins: '*', credentials: true })).toStrictEqual([
      ['origin-wildcard-with-credentials', 'origins'],
    ]);
    // The tiered form of '*' echoes an origin with credentials only when the list names it.
    const tiered: CorsOptions = { origins: '*', credentials: [APP] };
    expect(get(tiered, EVIL)).toStrictEqual({ 'access-control-allow-origin': '*', vary: 'Origin' });
    expect(get(tiered, APP)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
  });

  it('@koa/cors GHSA-qxrj-hx23-xp82: has no default that reflects the request origin', () => {
    expect(refusal({})).toStrictEqual([['origins-missing', 'origins']]);
    expect(refusal({ credentials: true })).toStrictEqual([['origins-missing', 'origins']]);
    const listed: CorsOptions = { origins: [APP], credentials: true };
    expect(get(listed, EVIL)).toStrictEqual({ vary: 'Origin' });
    expect(preflight(listed, EVIL)).toMatchObject({
      allowed: false,
      status: 403,
      headers: [],
      reason: 'origin-not-allowed',
    });
  });
});

describe('regular expressions for origins', () => {
  const unanchored = /example\.com$/;
  const unescapedDot = /^https:\/\/app.example.com$/;
  const stateful = /^https:\/\/app\.example\.com$/g;

  it('cors#408: a RegExp is refused in origins, credentials and routes, whatever it says', () => {
    expect(
      refusal({
        origins: [APP, unanchored],
        credentials: [unescapedDot],
        routes: [
          { path: '/a/*', origins: [stateful] },
          { path: '/b/*', origins: unanchored },
          { path: '/c/*', credentials: [unanchored] },
        ],
      }),
    ).toStrictEqual([
      ['origin-regexp', 'origins[1]'],
      ['origin-regexp', 'credentials[0]'],
      ['origin-regexp', 'routes[0].origins[0]'],
      ['origin-regexp', 'routes[1].origins'],
      ['origin-regexp', 'routes[2].credentials[0]'],
    ]);
    expect(refusal({ origins: unanchored })).toStrictEqual([['origin-regexp', 'origins']]);
  });

  it('fastify-cors#151: a stateful /g RegExp is refused, so no lastIndex can flip an answer', () => {
    expect(refusal({ origins: [stateful] })).toStrictEqual([['origin-regexp', 'origins[0]']]);
  });

  it.each([
    ['evil-example.com (what an unanchored /example\\.com$/ matches)', 'https://evil-example.com'],
    [
      'example.com.evil.com (what an unanchored /^https:\\/\\/.*example\\.com/ matches)',
      'https://example.com.evil.com',
    ],
    ['appxexample.com (what an unescaped dot matches)', 'https://appxexample.com'],
    ['the bare domain', 'https://example.com'],
    ['another scheme', 'http://app.example.com'],
    ['another port', 'https://app.example.com:8443'],
  ])('cors#408: the pattern https://*.example.com never allows %s', (_what, origin) => {
    const options: CorsOptions = { origins: ['https://*.example.com'], credentials: true };
    expect(get(options, origin)).toStrictEqual({ vary: 'Origin' });
    expect(get(options, APP)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
  });
});

describe('Private Network Access', () => {
  const ASKS_PRIVATE_NETWORK = { 'Access-Control-Request-Private-Network': 'true' };

  it('flask-cors CVE-2024-6221: is never granted by default', () => {
    const decision = preflight({ origins: [APP], methods: ['PUT'] }, APP, ASKS_PRIVATE_NETWORK);
    expect(decision.allowed).toBe(true);
    expect(responseHeaders(decision)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'PUT',
      'content-length': '0',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
  });

  it('flask-cors CVE-2024-6221: is granted only when opted in, and never to any origin', () => {
    const decision = preflight(
      { origins: [APP], methods: ['PUT'], privateNetwork: true },
      APP,
      ASKS_PRIVATE_NETWORK,
    );
    expect(responseHeaders(decision)['access-control-allow-private-network']).toBe('true');
    expect(refusal({ origins: '*', privateNetwork: true })).toStrictEqual([
      ['private-network-with-any-origin', 'privateNetwork'],
    ]);
  });
});

describe('the null origin', () => {
  it("is refused in a policy unless dangerouslyAllowNullOrigin says so, and never answered 'null'", () => {
    expect(refusal({ origins: [APP, 'null'] })).toStrictEqual([['origin-null', 'origins[1]']]);
    expect(get({ origins: [APP], credentials: true }, 'null')).toStrictEqual({ vary: 'Origin' });
    // A predicate never even sees it.
    const seen: string[] = [];
    const options: CorsOptions = {
      origins: (origin) => {
        seen.push(origin);
        return true;
      },
    };
    expect(get(options, 'null')).toStrictEqual({ vary: 'Origin' });
    expect(seen).toStrictEqual([]);
  });
});
