import { describe, expect, it } from 'vitest';
import { CorsConfigError, createCors } from '../index.ts';
import { normalizeRoutePath, RoutePattern, routePathProblem } from './route-pattern.ts';

const APP = 'https://app.example.com';

const STAR = "may only end with '/*' (a segment-aware prefix), with no other '*'";
const UNSAFE =
  "must not contain dot segments, '//', backslashes, or encoded slashes, backslashes or unreserved characters";
const parameter = (segment: string): string =>
  `has the parameter ${JSON.stringify(segment)}; a parameter is ':' and a name of letters, digits and '_', alone in its segment`;

describe('routePathProblem', () => {
  it.each([
    ['/', undefined],
    ['/*', undefined],
    ['/health', undefined],
    ['/api/*', undefined],
    ['/users/:id', undefined],
    ['/users/:user_id2/*', undefined],
    ['/:tenant/*', undefined],
    ['/:tenant/files/:name', undefined],
    ['/v1.2/a-b_c~d', undefined],
    ['health', 'must start with "/"'],
    ['/search?q=1', 'must not contain a query or fragment'],
    ['/page#top', 'must not contain a query or fragment'],
    ['/a*', STAR],
    ['/a*/', STAR],
    ['/users/*/x', STAR],
    ['/*/*', STAR],
    ['/users/:user-id', parameter(':user-id')],
    ['/users/:', parameter(':')],
    ['/users/:1st', parameter(':1st')],
    ['/files/:na-me/*', parameter(':na-me')],
    ['/:a:b', parameter(':a:b')],
    ['/api/../admin', UNSAFE],
    ['/api/%2e%2e', UNSAFE],
    ['/api//admin', UNSAFE],
  ])('%s: %s', (path, problem) => {
    expect(routePathProblem(path)).toBe(problem);
  });

  it('is what createCors says of an invalid route path', () => {
    const attempt = (): unknown => createCors({ origins: [APP], routes: [{ path: '/a?b' }] });
    expect(attempt).toThrow(CorsConfigError);
    expect(attempt).toThrow(
      'The route path "/a?b" must not contain a query or fragment; write an exact path such as "/health", a parameter such as "/users/:id", or a prefix such as "/api/*".',
    );
  });
});

describe('normalizeRoutePath', () => {
  it.each([
    ['/Reports/', false, false, '/Reports/'],
    ['/Reports/', true, false, '/reports/'],
    ['/Reports/', false, true, '/Reports'],
    ['/Reports/', true, true, '/reports'],
    ['/Users/:ID/', true, true, '/users/:id'],
    ['/', false, true, '/'],
    ['/', true, true, '/'],
    ['/API/*', true, true, '/api/*'],
    ['/*', false, true, '/*'],
  ])('%s, folded %s, stripped %s: %s', (path, fold, strip, expected) => {
    expect(normalizeRoutePath(path, fold, strip)).toBe(expected);
  });
});

describe('RoutePattern', () => {
  const pattern = (path: string, methods?: readonly string[]): RoutePattern<string> =>
    new RoutePattern(path, methods, path);
  const matches = (route: string, path: string, emptyLastParameter = false): boolean =>
    pattern(route).matches(path, path.length, emptyLastParameter);

  it.each([
    ['/health', '/health', true],
    ['/health', '/health/', false],
    ['/health', '/healthz', false],
    ['/', '/', true],
    ['/', '/x', false],
    ['/*', '/', true],
    ['/*', '/anything/below', true],
    ['/api/*', '/api', true],
    ['/api/*', '/api/', true],
    ['/api/*', '/api/x/y', true],
    ['/api/*', '/apix', false],
    ['/users/:id', '/users/42', true],
    ['/users/:id', '/users/42/', false],
    ['/users/:id', '/users/', false],
    ['/users/:id', '/users', false],
    ['/users/:id/*', '/users/42/posts', true],
    ['/users/:id/*', '/users', false],
    ['/:page', '/about', true],
    ['/:page', '/', false],
  ])('%s matches %s: %s', (route, path, expected) => {
    expect(matches(route, path)).toBe(expected);
  });

  it.each([
    ['/files/:name', '/files/', true],
    ['/:page', '/', true],
    ['/files/:name/*', '/files/', true],
    ['/files/:name', '/files', false],
    ['/files/:name/*', '/files//x', false],
    ['/a/:x/b', '/a//b', false],
  ])(
    'with an empty last parameter allowed (Fastify), %s matches %s: %s',
    (route, path, expected) => {
      expect(matches(route, path, true)).toBe(expected);
    },
  );

  it('matches only the path before `end` (where the query starts)', () => {
    const route = pattern('/users/:id');
    expect(route.matches('/users/42?next=/x', 9, false)).toBe(true);
    expect(route.matches('/users/?id=42', 7, false)).toBe(false);
    expect(pattern('/users').matches('/users/42', 6, false)).toBe(true);
  });

  it('gives exact routes their path, for a map lookup, and no other route', () => {
    expect(pattern('/health').exactPath).toBe('/health');
    expect(pattern('/').exactPath).toBe('/');
    expect(pattern('/users/:id').exactPath).toBeUndefined();
    expect(pattern('/api/*').exactPath).toBeUndefined();
    expect(pattern('/*').exactPath).toBeUndefined();
  });

  it('applies to every method without a method list, and to HEAD with GET', () => {
    expect(pattern('/r').appliesTo('DELETE')).toBe(true);
    const get = pattern('/r', ['GET']);
    expect(get.appliesTo('GET')).toBe(true);
    expect(get.appliesTo('HEAD')).toBe(true);
    expect(get.appliesTo('POST')).toBe(false);
    const put = pattern('/r', ['PUT']);
    expect(put.appliesTo('PUT')).toBe(true);
    expect(put.appliesTo('HEAD')).toBe(false);
    expect(put.appliesTo('')).toBe(false);
  });

  describe('bySpecificity', () => {
    const order = (a: RoutePattern<string>, b: RoutePattern<string>): number =>
      Math.sign(RoutePattern.bySpecificity(a, b));

    it.each([
      ['/a/b/*', '/a/:x/*', 'more literal segments'],
      ['/a/b/*', '/:x/:y/:z', 'more literal segments, though fewer segments'],
      ['/a/:x', '/a/*', 'as many literal segments, more segments'],
      ['/a/:x', '/a/:x/*', 'the same segments: an exact shape before a prefix'],
    ])('puts %s before %s: %s', (first, second) => {
      expect(order(pattern(first), pattern(second))).toBe(-1);
      expect(order(pattern(second), pattern(first))).toBe(1);
    });

    it('ranks shapes with as many literal and other segments alike', () => {
      expect(order(pattern('/a/b/:y'), pattern('/a/:x/c'))).toBe(0);
      expect(order(pattern('/a/*'), pattern('/b/*'))).toBe(0);
    });

    it('puts a route for some methods before the same route for every method', () => {
      const some = pattern('/users/:id', ['DELETE']);
      const every = pattern('/users/:id');
      expect(order(some, every)).toBe(-1);
      expect(order(every, some)).toBe(1);
      expect(order(some, pattern('/users/:id', ['PUT']))).toBe(0);
      expect(order(every, pattern('/users/:id'))).toBe(0);
      expect([every, some].sort(RoutePattern.bySpecificity)).toStrictEqual([some, every]);
    });

    it('sorts a table most specific first', () => {
      const table = ['/*', '/a/*', '/a/:x', '/a/b/*', '/a/b/c', '/:x/b/c'].map((path) =>
        pattern(path),
      );
      expect(table.sort(RoutePattern.bySpecificity).map((route) => route.source)).toStrictEqual([
        '/a/b/c',
        '/:x/b/c',
        '/a/b/*',
        '/a/:x',
        '/a/*',
        '/*',
      ]);
    });
  });
});
