import { describe, expect, test } from 'vitest';
import { policies } from '../src/policies.ts';
import type { ReceivedResponse, SentRequest } from './oracle.ts';
import { expectedGrant, parseOrigin, pathReadings, ROUTERS, violations } from './oracle.ts';

/** The oracle catches what it is there to catch, and passes what the README promises. */

const get = (origin: string | string[], path = '/api/items'): SentRequest => ({
  method: 'GET',
  path,
  headers: (Array.isArray(origin) ? origin : [origin]).map((value) => ['Origin', value] as const),
});
const preflight = (origin: string, method: string, headers?: string): SentRequest => ({
  method: 'OPTIONS',
  path: '/api/items',
  headers: [
    ['Origin', origin],
    ['Access-Control-Request-Method', method],
    ...(headers === undefined ? [] : [['Access-Control-Request-Headers', headers] as const]),
  ],
});
const answer = (headers: Record<string, string[]>, status = 200): ReceivedResponse => ({
  status,
  headers,
});

describe('origins', () => {
  test.each([
    'https://app.example.com',
    'http://localhost:3000',
    'http://[::1]:3000',
    'http://127.0.0.1:8080',
    'https://a_b.example.com',
  ])('%s is a serialized origin', (origin) => {
    expect(parseOrigin(origin)).toBeDefined();
  });

  test.each([
    'https://App.example.com',
    'HTTPS://app.example.com',
    'https://app.example.com/',
    'https://app.example.com.',
    'https://app.example.com:443',
    'http://localhost:80',
    'http://localhost:0',
    'http://localhost:03000',
    'http://localhost:65536',
    'https://evil.example.net@app.example.com',
    'https://app.example.com?x',
    'https://app.example.com#x',
    'https://app.example.com, https://evil.example.net',
    'null',
    'file://',
    'https://app.exampl\u00e9.com',
    'http://127.1',
    'https://',
  ])('%s is not', (origin) => {
    expect(parseOrigin(origin)).toBeUndefined();
  });
});

describe('violations', () => {
  const list = policies['list-credentials'].oracle;
  const any = policies.any.oracle;
  const routes = policies.routes.oracle;

  test('an allowed origin with credentials passes', () => {
    const response = answer({
      'access-control-allow-origin': ['https://app.example.com'],
      'access-control-allow-credentials': ['true'],
    });
    expect(violations(list, get('https://app.example.com'), response)).toEqual([]);
    expect(
      violations(
        list,
        get('https://x.preview.example.com'),
        answer({
          'access-control-allow-origin': ['https://x.preview.example.com'],
        }),
      ),
    ).toEqual([]);
  });

  test('reflection, near misses, lists, duplicates and * with credentials are caught', () => {
    const reflect = (origin: string) =>
      violations(list, get(origin), answer({ 'access-control-allow-origin': [origin] }));
    for (const origin of [
      'https://evil.example.net',
      'https://app.example.com.evil.net',
      'https://preview.example.com',
      'http://x.preview.example.com',
      'https://x.preview.example.com:8443',
      'https://APP.example.com',
      'null',
    ])
      expect(reflect(origin), origin).not.toEqual([]);
    expect(
      violations(
        list,
        get(['https://app.example.com', 'https://app.example.com']),
        answer({
          'access-control-allow-origin': ['https://app.example.com'],
        }),
      ),
    ).not.toEqual([]);
    expect(
      violations(
        list,
        get('https://app.example.com'),
        answer({
          'access-control-allow-origin': ['https://app.example.com', 'https://app.example.com'],
        }),
      ),
    ).not.toEqual([]);
    expect(
      violations(
        any,
        get('https://app.example.com'),
        answer({
          'access-control-allow-origin': ['*'],
          'access-control-allow-credentials': ['true'],
        }),
      ),
    ).not.toEqual([]);
    expect(
      violations(
        list,
        get('https://app.example.com'),
        answer({ 'access-control-allow-origin': ['*'] }),
      ),
    ).not.toEqual([]);
  });

  test('a path any reading of which narrows the policy is held to the narrower rules', () => {
    const app = 'https://app.example.com';
    const granted = answer({ 'access-control-allow-origin': [app] });
    expect(violations(routes, get(app, '/api/items'), granted)).toEqual([]);
    for (const path of [
      '/api/admin/users',
      '/API/admin/x',
      '/api/%61dmin/x',
      '/api/./admin',
      '/api//admin/x',
      '/api/x/../admin',
      'http://h/api/admin',
    ])
      expect(violations(routes, get(app, path), granted), path).not.toEqual([]);
    expect(pathReadings('/API/Admin/')).toContain('/api/admin');
    // No router here splits on `;` (fastify's useSemicolonDelimiter is off by default).
    expect(violations(routes, get(app, '/api/admin;x'), granted)).toEqual([]);
    expect(
      violations(routes, get(app, '/api/admin;x'), granted, {
        ...ROUTERS.fastify,
        semicolonDelimiter: true,
      }),
    ).not.toEqual([]);
  });

  test('what a framework documents about its router narrows the readings', () => {
    // Hono routes on the decoded path: /api/%61dmin/users is /api/admin/users, nothing else.
    expect(pathReadings('/api/%61dmin/users', ROUTERS.hono)).toEqual(['/api/admin/users']);
    expect(pathReadings('/api/%2Fadmin', ROUTERS.hono)).toContain('/api/%2Fadmin');
    // fastify and Hono are case-sensitive by default; Express and Koa's router are not.
    expect(pathReadings('/API/admin/users', ROUTERS.fastify)).toEqual(['/API/admin/users']);
    expect(pathReadings('/API/admin/users', ROUTERS.express)).toContain('/api/admin/users');
    const admin = 'https://admin.example.com';
    const withCredentials = answer({
      'access-control-allow-origin': [admin],
      'access-control-allow-credentials': ['true'],
    });
    expect(
      violations(routes, get(admin, '/api/%61dmin/users'), withCredentials, ROUTERS.hono),
    ).toEqual([]);
    expect(
      violations(routes, get(admin, '/api/%61dmin/users'), withCredentials, ROUTERS.express),
    ).not.toEqual([]);
  });

  test('preflight grants for methods and headers outside the policy are caught', () => {
    const app = 'https://app.example.com';
    const granted = answer(
      { 'access-control-allow-origin': [app], 'access-control-allow-credentials': ['true'] },
      204,
    );
    expect(violations(list, preflight(app, 'PUT', 'content-type'), granted)).toEqual([]);
    expect(violations(list, preflight(app, 'PATCH'), granted)).not.toEqual([]);
    expect(violations(list, preflight(app, 'put'), granted)).not.toEqual([]);
    expect(violations(list, preflight(app, 'PUT', 'authorization'), granted)).not.toEqual([]);
    expect(
      violations(
        policies.wildcards.oracle,
        preflight(app, 'TRACE'),
        answer({ 'access-control-allow-origin': [app] }),
      ),
    ).not.toEqual([]);
    expect(
      violations(
        list,
        preflight(app, 'PATCH'),
        answer({ 'access-control-allow-methods': ['PATCH'] }, 403),
      ),
    ).not.toEqual([]);
  });
});

describe('expected grants for requests a browser could send', () => {
  test('tiers: a credentialed origin gets itself and credentials, another gets *', () => {
    const tiered = policies.tiered.oracle;
    expect(expectedGrant(tiered, get('https://app.example.com'))).toEqual({
      allowOrigin: 'https://app.example.com',
      credentials: true,
    });
    expect(expectedGrant(tiered, get('https://www.example.org'))).toEqual({
      allowOrigin: '*',
      credentials: false,
    });
  });

  test('routes: /api/admin/* narrows to admin, with credentials', () => {
    const routes = policies.routes.oracle;
    expect(
      expectedGrant(routes, get('https://app.example.com', '/api/admin/users')),
    ).toBeUndefined();
    expect(expectedGrant(routes, get('https://admin.example.com', '/api/admin/users'))).toEqual({
      allowOrigin: 'https://admin.example.com',
      credentials: true,
    });
  });
});
