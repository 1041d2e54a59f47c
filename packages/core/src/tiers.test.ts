import { describe, expect, it } from 'vitest';
import type { CorsDecision, CorsOptions } from './index.ts';
import { createCors } from './index.ts';
import { request, responseHeaders } from './test-support/requests.ts';

/**
 * A credentialed grant needs an allowed origin AND a credentials match: the credentials list
 * only chooses among the origins the path's policy allows (README "Tiers and routes: the rules").
 */

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const USER_CONTENT = 'https://user-content.example.com';

function get(options: CorsOptions, origin: string, path = '/'): Record<string, string> {
  return responseHeaders(
    createCors(options).decide(request('GET', { Origin: origin }, path)) as CorsDecision,
  );
}

function preflight(options: CorsOptions, origin: string, method: string, path = '/'): CorsDecision {
  return createCors(options).decide(
    request('OPTIONS', { Origin: origin, 'Access-Control-Request-Method': method }, path),
  ) as CorsDecision;
}

describe('credentials only select among allowed origins', () => {
  const listed: CorsOptions = { origins: [APP], credentials: ['https://*.example.com'] };

  it('a credentials pattern does not allow an origin outside origins', () => {
    expect(get(listed, USER_CONTENT)).toStrictEqual({ vary: 'Origin' });
    expect(preflight(listed, USER_CONTENT, 'GET').allowed).toBe(false);
  });

  it('an origin allowed and matched by the credentials pattern gets credentials', () => {
    expect(get(listed, APP)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
  });

  it('an origin listed in both tiers keeps its credentials', () => {
    expect(get({ origins: [APP, ADMIN], credentials: [APP] }, APP)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    expect(get({ origins: [APP, ADMIN], credentials: [APP] }, ADMIN)).toStrictEqual({
      'access-control-allow-origin': ADMIN,
      vary: 'Origin',
    });
  });

  it('an origin the predicate refuses gets nothing, whatever credentials lists', () => {
    const tenants = new Set([APP, ADMIN]);
    const options: CorsOptions = {
      origins: (origin) => tenants.has(origin),
      credentials: ['https://*.example.com'],
    };
    expect(get(options, 'https://suspended.example.com')).toStrictEqual({ vary: 'Origin' });
    expect(get(options, APP)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
  });

  it('a predicate-approved origin gets credentials only when the list has it', () => {
    const options: CorsOptions = { origins: () => true, credentials: [APP] };
    expect(get(options, ADMIN)).toStrictEqual({
      'access-control-allow-origin': ADMIN,
      vary: 'Origin',
    });
  });

  it("under '*', a credentials pattern echoes the origin with credentials, others read anonymously", () => {
    const options: CorsOptions = { origins: '*', credentials: ['https://*.example.com'] };
    expect(get(options, USER_CONTENT)).toStrictEqual({
      'access-control-allow-origin': USER_CONTENT,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    expect(get(options, 'https://elsewhere.example.net')).toStrictEqual({
      'access-control-allow-origin': '*',
      vary: 'Origin',
    });
  });
});

describe('a route narrows the tiers it inherits', () => {
  const options: CorsOptions = {
    origins: '*',
    credentials: [APP],
    methods: ['PUT'],
    routes: [{ path: '/admin/*', origins: [ADMIN] }],
  };

  it('an inherited credentials entry outside the route origins gets nothing there', () => {
    expect(get(options, APP, '/admin/report')).toStrictEqual({ vary: 'Origin' });
    const asked = preflight(options, APP, 'PUT', '/admin/report');
    expect([asked.status, asked.reason, asked.headers]).toStrictEqual([
      403,
      'origin-not-allowed',
      [],
    ]);
  });

  it("the route's own origins read anonymously; the top level keeps its tiers", () => {
    expect(get(options, ADMIN, '/admin/report')).toStrictEqual({
      'access-control-allow-origin': ADMIN,
      vary: 'Origin',
    });
    expect(get(options, APP, '/public')).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
  });
});
