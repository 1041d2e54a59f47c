import { describe, expect, it } from 'vitest';
import type { CorsDecision, CorsOptions, PathMatching } from '../index.ts';
import { createCors, routingMethodOf } from '../index.ts';
import { request, responseHeaders } from '../test-support/requests.ts';
import { isUnsafePath } from './path-safety.ts';

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

describe('route parameters and methods', () => {
  const routed = createCors({
    origins: [APP],
    credentials: true,
    methods: ['PUT', 'DELETE'],
    routes: [
      { path: '/users/:id', origins: [APP, PARTNER] },
      { path: '/users/:id', method: 'DELETE', disabled: true },
      { path: '/users/me', origins: '*', credentials: false },
      { path: '/users/:id/*', origins: [PARTNER] },
      { path: '/files/*', method: ['GET', 'HEAD'], origins: '*', credentials: false },
    ],
  });
  const decision = (method: string, path: string, origin: string, asks?: string): CorsDecision =>
    routed.decide(
      request(
        method,
        {
          Origin: origin,
          ...(asks === undefined ? {} : { 'Access-Control-Request-Method': asks }),
        },
        path,
      ),
    ) as CorsDecision;
  const allowOrigin = (d: CorsDecision): string | undefined =>
    d.headers.find(([name]) => name === 'access-control-allow-origin')?.[1];

  it.each([
    ['GET', '/users/42', PARTNER, PARTNER],
    ['GET', '/users/me', 'https://anyone.example', '*'],
    ['GET', '/users/42/posts', PARTNER, PARTNER],
    ['GET', '/users/42/posts', APP, undefined],
    ['GET', '/users/', PARTNER, undefined],
    ['GET', '/users', PARTNER, undefined],
    ['GET', '/users/42/', PARTNER, PARTNER],
    ['GET', '/files/a.png', 'https://anyone.example', '*'],
    ['PUT', '/files/a.png', 'https://anyone.example', undefined],
  ])('%s %s from %s gets %s', (method, path, origin, expected) => {
    expect(allowOrigin(decision(method, path, origin))).toBe(expected);
  });

  it('applies a method-specific route to the actual request of that method', () => {
    expect(decision('DELETE', '/users/42', APP)).toMatchObject({
      reason: 'cors-disabled',
      headers: [],
    });
    expect(decision('PUT', '/users/42', PARTNER).allowed).toBe(true);
  });

  it('applies the route of the method a preflight asks about', () => {
    expect(decision('OPTIONS', '/users/42', APP, 'DELETE')).toMatchObject({
      kind: 'preflight',
      reason: 'cors-disabled',
      status: undefined,
    });
    expect(decision('OPTIONS', '/users/42', PARTNER, 'PUT')).toMatchObject({
      kind: 'preflight',
      allowed: true,
      status: 204,
    });
    expect(decision('OPTIONS', '/files/a.png', 'https://anyone.example', 'PUT')).toMatchObject({
      allowed: false,
    });
  });

  it.each([
    ['/users/:id?', 'parameter'],
    ['/users/:', 'parameter'],
    ['/users/*/x', "only end with '/*'"],
    ['/users//x', "'//'"],
  ])('refuses the route path %s', (path, says) => {
    expect(() => createCors({ origins: [APP], routes: [{ path }] })).toThrow(says);
  });
});

describe('routingMethodOf', () => {
  it.each([
    ['GET', {}, 'GET'],
    ['OPTIONS', {}, 'OPTIONS'],
    ['OPTIONS', { Origin: APP }, 'OPTIONS'],
    ['OPTIONS', { 'Access-Control-Request-Method': 'PUT' }, 'OPTIONS'],
    ['OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }, 'PUT'],
    ['OPTIONS', { Origin: APP, 'Access-Control-Request-Method': ['PUT', 'GET'] }, 'OPTIONS'],
    ['PUT', { Origin: APP, 'Access-Control-Request-Method': 'DELETE' }, 'PUT'],
  ] as const)('%s with %j routes as %s', (method, headers, expected) => {
    expect(routingMethodOf(request(method, headers))).toBe(expected);
  });
});

describe('spellings a router may match differently', () => {
  const narrowing = createCors({
    origins: [APP, PARTNER],
    credentials: true,
    methods: ['PUT'],
    routes: [
      { path: '/admin/*', origins: [APP] },
      { path: '/files/:name', origins: '*', credentials: false },
      { path: '/reports', method: 'GET', origins: [APP] },
    ],
  });
  const from = (
    method: string,
    path: string | undefined,
    pathMatching?: PathMatching,
    origin = PARTNER,
  ): CorsDecision =>
    narrowing.decide({
      ...request(method, { Origin: origin }, path),
      ...(pathMatching === undefined ? {} : { pathMatching }),
    }) as CorsDecision;

  it.each([
    ['/ADMIN/users', 'path-ambiguous'],
    ['/Admin', 'path-ambiguous'],
    ['/admin/users/', 'origin-not-allowed'],
    ['/admin/', 'origin-not-allowed'],
  ])('an unknown router: GET %s is denied (%s)', (path, reason) => {
    expect(from('GET', path)).toMatchObject({ allowed: false, reason, headers: [] });
  });

  it('an unknown router: a spelling no route depends on keeps the top-level policy', () => {
    expect(from('GET', '/Public', undefined, APP).allowed).toBe(true);
  });

  it('a case-sensitive router: /ADMIN/users is another path, under the top-level policy', () => {
    const decision = from('GET', '/ADMIN/users', { caseSensitive: true, trailingSlash: 'unknown' });
    expect(decision.headers).toContainEqual(['access-control-allow-origin', PARTNER]);
  });

  it('a case-insensitive router: /ADMIN/users is the admin route', () => {
    const decision = from('GET', '/ADMIN/users', {
      caseSensitive: false,
      trailingSlash: 'significant',
    });
    expect(decision).toMatchObject({ allowed: false, reason: 'origin-not-allowed' });
  });

  it('a router that ignores trailing slashes: /reports/ is the /reports route', () => {
    const decision = from('GET', '/reports/', { caseSensitive: true, trailingSlash: 'ignored' });
    expect(decision).toMatchObject({ allowed: false, reason: 'origin-not-allowed' });
    const strict = from('GET', '/reports/', { caseSensitive: true, trailingSlash: 'significant' });
    expect(strict.allowed).toBe(true);
  });

  it('a route for GET covers HEAD, which routers serve with the GET handler', () => {
    expect(from('HEAD', '/reports')).toMatchObject({
      allowed: false,
      reason: 'origin-not-allowed',
    });
    expect(from('POST', '/reports').allowed).toBe(true);
  });

  it('matches the path up to a fragment, as routers do: /files/#x is /files/, not /files/:name', () => {
    const decision = from('GET', '/files/#x', undefined, 'https://evil.example.net');
    expect(decision.headers).toStrictEqual([]);
  });

  it('a path the adapter cannot read gets no CORS access, and never a throw', () => {
    const unreadable = {
      method: 'GET',
      header: (name: string) => (name === 'origin' ? APP : undefined),
      get path(): string {
        throw new TypeError('Invalid URL');
      },
    };
    expect(narrowing.decide(unreadable)).toMatchObject({
      allowed: false,
      reason: 'path-unsafe',
      value: '',
    });
    expect(from('GET', undefined, undefined, APP)).toMatchObject({
      allowed: false,
      reason: 'path-unsafe',
    });
  });
});
