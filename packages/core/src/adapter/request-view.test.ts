import { describe, expect, it } from 'vitest';
import { createCors, requestView } from '../index.ts';

const APP = 'https://app.example.com';

describe('requestView over a header record (Node, hapi)', () => {
  it('reads the lowercase names CORS uses, repeated lines as arrays, numbers as strings', () => {
    const view = requestView(
      { origin: APP, 'access-control-request-headers': ['x-a', 'x-b'] },
      { method: 'OPTIONS' },
    );
    expect(view.header('origin')).toBe(APP);
    expect(view.header('access-control-request-headers')).toStrictEqual(['x-a', 'x-b']);
    expect(view.header('access-control-request-method')).toBeUndefined();
    const numeric = requestView({ 'access-control-request-private-network': 1 }, { method: 'GET' });
    expect(numeric.header('access-control-request-private-network')).toBe('1');
  });

  it('carries the method, path matching and context it was given', () => {
    const context = { id: 7 };
    const view = requestView(
      { origin: APP },
      {
        method: 'GET',
        path: '/items',
        pathMatching: { caseSensitive: false, trailingSlash: 'ignored' },
        context,
      },
    );
    expect([view.method, view.path, view.pathMatching, view.context]).toStrictEqual([
      'GET',
      '/items',
      { caseSensitive: false, trailingSlash: 'ignored' },
      context,
    ]);
  });

  it('calls a path function each time the path is read, and only then', () => {
    let reads = 0;
    const view = requestView(
      {},
      {
        method: 'GET',
        path: () => {
          reads += 1;
          return '/from-url';
        },
      },
    );
    expect(reads).toBe(0);
    expect(view.path).toBe('/from-url');
    expect(reads).toBe(1);
    expect(requestView({}, { method: 'GET' }).path).toBeUndefined();
  });
});

describe('requestView over a header lookup (Fetch Headers)', () => {
  it('asks the lookup, which matches names case-insensitively', () => {
    const view = requestView(new Headers({ Origin: APP, 'Access-Control-Request-Method': 'PUT' }), {
      method: 'OPTIONS',
    });
    expect(view.header('origin')).toBe(APP);
    expect(view.header('access-control-request-method')).toBe('PUT');
    expect(view.header('access-control-request-headers')).toBeNull();
  });

  it('carries the method, path (a value or a function), path matching and context', () => {
    const context = { id: 8 };
    const headers = new Headers();
    const view = requestView(headers, {
      method: 'DELETE',
      path: () => '/parsed',
      pathMatching: { caseSensitive: false, trailingSlash: 'ignored' },
      context,
    });
    expect([view.method, view.path, view.pathMatching, view.context]).toStrictEqual([
      'DELETE',
      '/parsed',
      { caseSensitive: false, trailingSlash: 'ignored' },
      context,
    ]);
    expect(requestView(headers, { method: 'GET', path: '/plain' }).path).toBe('/plain');
  });

  it('lets a policy decide a Fetch request', () => {
    const cors = createCors({ origins: [APP], methods: ['PUT'] });
    const decision = cors.decide(
      requestView(new Headers({ Origin: APP, 'Access-Control-Request-Method': 'PUT' }), {
        method: 'OPTIONS',
      }),
    );
    expect(decision).toMatchObject({ kind: 'preflight', allowed: true, status: 204 });
    expect(decision.headers).toStrictEqual([
      ['access-control-allow-origin', APP],
      ['access-control-allow-methods', 'PUT'],
    ]);
  });
});
