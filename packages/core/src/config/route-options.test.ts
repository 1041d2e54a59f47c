import { describe, expect, it } from 'vitest';
import type { CorsConfigProblem } from '../index.ts';
import { configProblems } from '../test-support/config-problems.ts';
import type { CorsConfigProblem as InternalProblem } from './problems.ts';
import { validateRoutes } from './route-options.ts';
import { validatePolicy } from './validate.ts';

/**
 * The `routes` option: each route is a path, optionally limited to some methods, with its own
 * policy (the top level's options merged with the route's own) or `disabled: true`. Every mistake
 * is refused with the route named as its `label`, or as `routes[i]`.
 */

const APP = 'https://app.example.com';

const problemsOf = configProblems;

const routes = (...list: readonly unknown[]): readonly CorsConfigProblem[] =>
  problemsOf({ origins: [APP], routes: list });

const methodInvalid = (option: string, value: unknown): CorsConfigProblem => ({
  code: 'route-method-invalid',
  option,
  value,
  message: `A route's method is a method name or a list of them, spelled as browsers send them (e.g. "GET" or ["PUT", "DELETE"]), not ${JSON.stringify(value)}.`,
});

describe('a route is an object', () => {
  it.each([[null], ['/api/*'], [5]])('%o is refused', (route) => {
    expect(routes(route)).toStrictEqual([
      {
        code: 'option-type',
        option: 'routes[0]',
        value: route,
        message: "each route is an object such as { path: '/api/*', origins: [...] }.",
      },
    ]);
  });
});

describe('path', () => {
  it('is required', () => {
    expect(routes({ origins: '*' })).toStrictEqual([
      {
        code: 'route-path-invalid',
        option: 'routes[0].path',
        value: undefined,
        message:
          'The route path undefined must be a string; write an exact path such as "/health", a parameter such as "/users/:id", or a prefix such as "/api/*".',
      },
    ]);
  });

  it('is a string', () => {
    expect(routes({ path: ['/a', '/b'] })).toStrictEqual([
      {
        code: 'route-path-invalid',
        option: 'routes[0].path',
        value: ['/a', '/b'],
        message:
          'The route path ["/a","/b"] must be a string; write an exact path such as "/health", a parameter such as "/users/:id", or a prefix such as "/api/*".',
      },
    ]);
  });
});

describe('method', () => {
  it.each<[unknown]>([['DELETE'], [['PUT', 'DELETE']], ['PURGE'], ['purge']])(
    '%o is a method, as browsers send it',
    (method) => {
      expect(routes({ path: '/a', method })).toStrictEqual([]);
    },
  );

  it.each<[unknown]>([
    [5],
    [{ GET: true }],
    [[]],
    [[5]],
    [['GET', 'get']],
    [['get', 'GET']],
    ['PUT DELETE'],
    [['GET', '']],
  ])('%o is refused', (method) => {
    expect(routes({ path: '/a', method })).toStrictEqual([
      methodInvalid('routes[0].method', method),
    ]);
  });
});

describe("method '*'", () => {
  it.each<[unknown]>([['*'], [['GET', '*']]])(
    '%o is refused: a route without method is the route for every method',
    (method) => {
      expect(routes({ path: '/a', method })).toStrictEqual([
        {
          code: 'route-method-invalid',
          option: 'routes[0].method',
          value: method,
          message:
            "A route without method applies to every method; remove method: '*' (or list the methods).",
        },
      ]);
    },
  );

  it('is refused beside the route for every method, which it would repeat', () => {
    expect(routes({ path: '/a' }, { path: '/a', method: '*' }).map((p) => p.code)).toStrictEqual([
      'route-method-invalid',
      'route-duplicate',
    ]);
  });
});

describe('two routes for the same path and methods', () => {
  it('are refused, whatever order the methods are listed in', () => {
    expect(
      routes({ path: '/a', method: ['PUT', 'DELETE'] }, { path: '/a', method: ['DELETE', 'PUT'] }),
    ).toStrictEqual([
      {
        code: 'route-duplicate',
        option: 'routes[1].path',
        value: '/a',
        message: 'The path "/a" for DELETE, PUT repeats routes[0]; merge the two.',
      },
    ]);
  });

  it('are different routes when the methods differ', () => {
    expect(
      routes(
        { path: '/a', method: ['COPY', 'MOVE'] },
        { path: '/a', method: 'COPYMOVE' },
        { path: '/a', method: 'COPY' },
        { path: '/a' },
      ),
    ).toStrictEqual([]);
  });
});

describe('label', () => {
  it('names the route in problems', () => {
    expect(
      routes(
        { path: '/a', label: '@Cors() on Users.remove', method: 'delete' },
        { path: '/b', label: '@Cors() on Users.list' },
      ),
    ).toStrictEqual([methodInvalid('@Cors() on Users.remove.method', 'delete')]);
    expect(
      routes({ path: '/a', label: 'users' }, { path: '/a', label: 'users again' }),
    ).toStrictEqual([
      {
        code: 'route-duplicate',
        option: 'users again.path',
        value: '/a',
        message: 'The path "/a" repeats users; merge the two.',
      },
    ]);
  });

  it.each([[''], [5], [null]])('%o is not a label: the route is routes[i]', (label) => {
    expect(routes({ path: '/a', label, method: 'delete' })).toStrictEqual([
      {
        code: 'option-type',
        option: 'routes[0].label',
        value: label,
        message: 'label must be a non-empty string naming the route in messages.',
      },
      methodInvalid('routes[0].method', 'delete'),
    ]);
  });
});

describe('disabled', () => {
  it('takes a path, a method and a label, and nothing else', () => {
    expect(
      routes({ path: '/health', method: 'GET', label: 'health', disabled: true }),
    ).toStrictEqual([]);
    expect(routes({ path: '/health', disabled: true, origins: '*', maxAge: 600 })).toStrictEqual(
      ['origins', 'maxAge'].map((key) => ({
        code: 'option-unknown',
        option: `routes[0].${key}`,
        value: key === 'origins' ? '*' : 600,
        message: 'A disabled route takes no other options; remove it, or remove disabled.',
      })),
    );
  });

  it('false is a route with a policy', () => {
    expect(routes({ path: '/a', disabled: false, origins: '*' })).toStrictEqual([]);
  });

  it.each([['yes'], [1], [null]])('%o is refused', (disabled) => {
    expect(routes({ path: '/a', disabled })).toStrictEqual([
      {
        code: 'option-type',
        option: 'routes[0].disabled',
        value: disabled,
        message: 'disabled must be true or false.',
      },
    ]);
  });
});

describe('a route that inherits an entry its own settings refuse', () => {
  it('plain http inherited by a route that turns credentials on is a problem of that entry', () => {
    expect(
      problemsOf({
        origins: ['http://app.example.com'],
        routes: [{ path: '/me', credentials: true }],
      }),
    ).toStrictEqual([
      {
        code: 'origin-insecure-with-credentials',
        option: 'routes[0].origins[0]',
        value: 'http://app.example.com',
        message:
          '"http://app.example.com" is plain http with credentials, which anyone on the network path can impersonate. Write "https://app.example.com", or set dangerouslyAllowInsecureOrigins: true.',
      },
    ]);
  });

  it('"null" in the route\'s own origins is a problem of that entry, not of the flag', () => {
    expect(
      problemsOf({
        origins: [APP, 'null'],
        dangerouslyAllowNullOrigin: true,
        routes: [{ path: '/a', origins: ['null', APP], dangerouslyAllowNullOrigin: false }],
      }),
    ).toStrictEqual([
      {
        code: 'origin-null',
        option: 'routes[0].origins[0]',
        value: 'null',
        message:
          '"null" is sent by sandboxed iframes, file: pages and redirects, which any site can produce. Remove it, or set dangerouslyAllowNullOrigin: true.',
      },
    ]);
  });

  it('"null" inherited in credentials names the route\'s credentials to write', () => {
    expect(
      problemsOf({
        origins: [APP, 'null'],
        credentials: [APP, 'null'],
        dangerouslyAllowNullOrigin: true,
        routes: [{ path: '/a', origins: [APP], dangerouslyAllowNullOrigin: false }],
      }),
    ).toStrictEqual([
      {
        code: 'origin-null',
        option: 'routes[0].dangerouslyAllowNullOrigin',
        value: false,
        message:
          'The route sets dangerouslyAllowNullOrigin: false but inherits "null" in credentials, which needs it; give the route its own credentials without it: credentials: ["https://app.example.com"].',
      },
    ]);
  });
});

describe('validateRoutes', () => {
  it('returns only the routes that validated', () => {
    const topLevel = { origins: ['https://app.example.com/'] };
    const top = validatePolicy(topLevel, '');
    const problems: InternalProblem[] = [];
    const validated = validateRoutes(
      [{ path: '/a' }, { path: '/b', disabled: true }, { path: '/c', origins: [APP] }],
      topLevel,
      top.problems,
      problems,
    );
    // The inherited trailing slash is reported once, at the top level, not again for /a.
    expect(problems).toStrictEqual([]);
    expect(
      validated.map(({ path, policy }) => [path, policy === 'disabled' ? policy : 'policy']),
    ).toStrictEqual([
      ['/b', 'disabled'],
      ['/c', 'policy'],
    ]);
  });
});
