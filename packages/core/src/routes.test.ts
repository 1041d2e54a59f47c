import { describe, expect, it } from 'vitest';
import type { CorsDecision, CorsOptions } from './index.ts';
import { createCors } from './index.ts';
import { isUnsafePath } from './routes.ts';
import { request, responseHeaders } from './test-support/requests.ts';

const APP = 'https://app.example.com';
const PARTNER = 'https://partner.example.org';

const options: CorsOptions = {
  origins: [APP],
  methods: ['PUT'],
  routes: [
    { path: '/public/*', origins: '*' },
    { path: '/api/*', origins: [APP, PARTNER] },
    { path: '/api/admin/*', origins: [APP], credentials: true },
    { path: '/api/admin/health', origins: '*' },
    { path: '/internal/*', disabled: true },
  ],
};
const cors = createCors(options);

function get(path: string, origin = PARTNER): CorsDecision {
  return cors.decide(request('GET', { Origin: origin }, path)) as CorsDecision;
}

describe('per-path policies', () => {
  it.each([
    ['/api/items', PARTNER, true],
    ['/api', PARTNER, true],
    ['/api/', PARTNER, true],
    ['/apix', PARTNER, false],
    ['/API/items', PARTNER, false],
    ['/api/admin/users', PARTNER, false],
    ['/api/admin/users', APP, true],
    ['/api/admin', PARTNER, false],
    ['/api/admin/health', PARTNER, true],
    ['/api/admin/health/deep', PARTNER, false],
    ['/public/logo.png', 'https://anyone.example', true],
    ['/other', PARTNER, false],
    ['/other', APP, true],
    ['/api/items?next=/public/x', PARTNER, true],
  ])('GET %s from %s: allowed %s', (path, origin, allowed) => {
    expect(get(path, origin).allowed).toBe(allowed);
  });

  it('lets a route override the top-level options key by key', () => {
    expect(responseHeaders(get('/api/admin/users', APP))).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    const preflight = cors.decide(
      request(
        'OPTIONS',
        { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
        '/api/admin/users',
      ),
    );
    expect((preflight as CorsDecision).headers).toContainEqual([
      'access-control-allow-methods',
      'PUT',
    ]);
  });

  it('leaves disabled paths entirely to the app', () => {
    const actual = get('/internal/metrics', APP);
    expect(actual).toMatchObject({
      allowed: false,
      reason: 'cors-disabled',
      status: undefined,
      headers: [],
      vary: [],
    });
    const preflight = cors.decide(
      request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }, '/internal/x'),
    );
    expect(preflight).toMatchObject({
      kind: 'preflight',
      reason: 'cors-disabled',
      status: undefined,
      headers: [],
    });
    expect(cors.decide(request('GET', {}, '/internal/x'))).toMatchObject({
      kind: 'non-cors',
      vary: [],
    });
  });

  it.each([
    '/api/../admin',
    '/api/./items',
    '/api/..',
    '/api/.',
    '/api/%2e%2e/admin',
    '/api/%2E/x',
    '/api%2fadmin',
    '/api%2Fadmin',
    '/api/%5cadmin',
    '/api\\admin',
    '/public/..%2fapi',
    'http://host.example/api/admin/users',
    '/api/%61dmin/users',
    '/api/%41dmin',
    '/api/admin%7e',
    '/api//admin',
    '//api/admin',
    '*',
  ])('grants nothing to the ambiguous path %s', (path) => {
    const actual = get(path, APP);
    expect(actual).toMatchObject({
      allowed: false,
      reason: 'path-unsafe',
      value: path,
      headers: [],
    });
    expect(actual.vary).toStrictEqual(['Origin']);
    const preflight = cors.decide(
      request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'GET' }, path),
    );
    expect(preflight).toMatchObject({
      kind: 'preflight',
      allowed: false,
      reason: 'path-unsafe',
      status: 403,
    });
  });

  it.each([
    '/a..b',
    '/.well-known/x',
    '/v1.2/items',
    '/api/%20',
    '/files/a%2',
    '/..x',
    '/q/%C3%A9t%C3%A9',
    '/a%3Fb',
    '/a/',
  ])('treats %s as an ordinary path', (path) => {
    expect(isUnsafePath(path, path.length)).toBe(false);
  });

  it('ignores dot segments after the query', () => {
    expect(get('/api/items?x=/../', PARTNER).allowed).toBe(true);
  });

  it('without top-level origins, stays out of paths no route covers', () => {
    const routed = createCors({ routes: [{ path: '/api/*', origins: [APP] }] });
    expect(routed.decide(request('GET', { Origin: APP }, '/api/x'))).toMatchObject({
      allowed: true,
    });
    expect(routed.decide(request('GET', { Origin: APP }, '/site'))).toMatchObject({
      allowed: false,
      reason: 'path-not-covered',
      headers: [],
      vary: [],
      status: undefined,
    });
  });

  it('prefers an exact path to any prefix, and the longest prefix among prefixes', () => {
    const ordered = createCors({
      origins: [APP],
      routes: [
        { path: '/*', origins: '*' },
        { path: '/a/*', origins: [PARTNER] },
        { path: '/a/b/*', disabled: true },
        { path: '/a/b/c', origins: [APP] },
      ],
    });
    const reasonAt = (path: string, origin: string): string | undefined =>
      (ordered.decide(request('GET', { Origin: origin }, path)) as CorsDecision).reason;
    expect(reasonAt('/z', 'https://x.example')).toBeUndefined();
    expect(reasonAt('/a/z', PARTNER)).toBeUndefined();
    expect(reasonAt('/a/z', 'https://x.example')).toBe('origin-not-allowed');
    expect(reasonAt('/a/b/z', PARTNER)).toBe('cors-disabled');
    expect(reasonAt('/a/b/c', APP)).toBeUndefined();
  });
});
