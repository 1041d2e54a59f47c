import { describe, expect, it } from 'vitest';
import type {
  AsyncCorsOptions,
  CorsDecision,
  CorsOptions,
  CorsRequest,
  PathMatching,
} from '../index.ts';
import { createCors } from '../index.ts';
import { request } from '../test-support/requests.ts';

/**
 * The route table behind `routes`: which policy a request path gets, under every way the router
 * may match it (`pathMatching`). Every instance is built inside its test, so that what the table
 * precomputes (indexes, orderings) is built by the code under test each time.
 */

const APP = 'https://app.example.com';
const PARTNER = 'https://partner.example.org';
const EVIL = 'https://evil.example.net';
const PREFLIGHT_VARY = [
  'Origin',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
];

const SENSITIVE_STRICT: PathMatching = { caseSensitive: true, trailingSlash: 'significant' };
const SENSITIVE_LENIENT: PathMatching = { caseSensitive: true, trailingSlash: 'ignored' };
const INSENSITIVE_STRICT: PathMatching = { caseSensitive: false, trailingSlash: 'significant' };
const INSENSITIVE_LENIENT: PathMatching = { caseSensitive: false, trailingSlash: 'ignored' };

interface Asked {
  readonly origin?: string | readonly string[];
  readonly matching?: PathMatching;
  readonly method?: string;
}

function ask(
  options: CorsOptions | AsyncCorsOptions,
  path: unknown,
  { origin = PARTNER, matching, method = 'GET' }: Asked = {},
): CorsDecision | Promise<CorsDecision> {
  const cors = createCors(options);
  const base = request(method, { Origin: origin });
  const asked: CorsRequest = {
    ...base,
    path: path as string,
    ...(matching === undefined ? {} : { pathMatching: matching }),
  };
  return cors.decide(asked);
}

function decide(options: CorsOptions, path: unknown, asked?: Asked): CorsDecision {
  const decision = ask(options, path, asked);
  if (decision instanceof Promise) throw new Error('expected a synchronous decision');
  return decision;
}

const allowOrigin = (decision: CorsDecision): string | undefined =>
  decision.headers.find(([name]) => name === 'access-control-allow-origin')?.[1];

describe('the path a route table reads', () => {
  const routes: CorsOptions = {
    origins: [APP],
    routes: [{ path: '/api/*', origins: [APP, PARTNER] }],
  };

  it('names the path without its query in a refusal', () => {
    expect(decide(routes, '/api/../admin?next=1', { origin: APP })).toMatchObject({
      allowed: false,
      reason: 'path-unsafe',
      value: '/api/../admin',
    });
  });

  it('names the path without its query or fragment when no route covers it', () => {
    const routesOnly: CorsOptions = { routes: [{ path: '/api/*', origins: [APP] }] };
    expect(decide(routesOnly, '/site?from=/api/x', { origin: APP })).toMatchObject({
      allowed: false,
      reason: 'path-not-covered',
      value: '/site',
    });
    expect(decide(routesOnly, '/site#/api/x', { origin: APP })).toMatchObject({
      reason: 'path-not-covered',
      value: '/site',
    });
  });

  it('names the path without its query when spellings disagree', () => {
    const decision = decide(
      { origins: [APP, PARTNER], routes: [{ path: '/reports', origins: [APP] }] },
      '/Reports?x=1',
    );
    expect(decision).toMatchObject({ allowed: false, reason: 'path-ambiguous', value: '/Reports' });
  });

  it.each([42, null, { pathname: '/api/x' }])(
    'treats the path %j, which is no string, as unreadable: no CORS access, never a throw',
    (path) => {
      expect(decide(routes, path, { origin: APP })).toMatchObject({
        allowed: false,
        reason: 'path-unsafe',
        value: '',
        headers: [],
      });
    },
  );

  it('reports repeated Origin lines as one list, as the policy does', () => {
    const both = [APP, PARTNER];
    expect(decide(routes, '/api/../x', { origin: both })).toMatchObject({
      kind: 'actual',
      reason: 'path-unsafe',
      origin: `${APP}, ${PARTNER}`,
    });
    const disabled: CorsOptions = { origins: [APP], routes: [{ path: '/x', disabled: true }] };
    expect(decide(disabled, '/x', { origin: both })).toMatchObject({
      reason: 'cors-disabled',
      origin: `${APP}, ${PARTNER}`,
    });
  });
});

describe('requests that are not CORS requests', () => {
  const noOrigin = (options: CorsOptions, path: string): CorsDecision =>
    createCors(options).decide(request('GET', {}, path)) as CorsDecision;

  it('leaves them alone on paths without a policy: allowed, no headers, no Vary', () => {
    const options: CorsOptions = {
      routes: [
        { path: '/api/*', origins: [APP] },
        { path: '/internal/*', disabled: true },
      ],
    };
    for (const path of ['/site', '/internal/metrics']) {
      expect(noOrigin(options, path)).toMatchObject({
        kind: 'non-cors',
        allowed: true,
        reason: undefined,
        headers: [],
        vary: [],
        status: undefined,
      });
    }
  });

  it('answers them on unsafe paths with Vary: Origin, as a refusal would vary', () => {
    expect(noOrigin({ routes: [{ path: '/api/*', origins: [APP] }] }, '/api/../x')).toMatchObject({
      kind: 'non-cors',
      allowed: true,
      reason: undefined,
      headers: [],
      vary: ['Origin'],
    });
  });
});

describe('refusals', () => {
  it('without a top-level policy: Vary Origin for actual requests, 403 for preflights', () => {
    const options: CorsOptions = { routes: [{ path: '/api/*', origins: [APP] }] };
    expect(decide(options, '/api/../x', { origin: APP })).toMatchObject({
      kind: 'actual',
      allowed: false,
      reason: 'path-unsafe',
      headers: [],
      vary: ['Origin'],
      status: undefined,
    });
    const cors = createCors(options);
    const preflight = cors.decide(
      request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }, '/api/../x'),
    );
    expect(preflight).toMatchObject({
      kind: 'preflight',
      allowed: false,
      reason: 'path-unsafe',
      headers: [],
      vary: PREFLIGHT_VARY,
      status: 403,
    });
  });

  it('with a top-level policy: denied as that policy denies (its Vary, its status)', () => {
    const open: CorsOptions = { origins: '*', routes: [{ path: '/api/*', origins: [APP] }] };
    expect(decide(open, '/api/../x', { origin: APP })).toMatchObject({
      allowed: false,
      reason: 'path-unsafe',
      headers: [],
      vary: [],
      status: undefined,
    });
    const rejecting: CorsOptions = {
      origins: [APP],
      rejectDisallowed: true,
      routes: [{ path: '/api/*', origins: [APP] }],
    };
    expect(decide(rejecting, '/api/../x', { origin: APP })).toMatchObject({
      allowed: false,
      reason: 'path-unsafe',
      vary: ['Origin'],
      status: 403,
    });
  });
});

describe('the most specific route', () => {
  it.each([
    [
      [
        { path: '/items', origins: [PARTNER] },
        { path: '/items', method: 'DELETE', disabled: true },
      ],
    ],
    [
      [
        { path: '/items', method: 'DELETE', disabled: true },
        { path: '/items', origins: [PARTNER] },
      ],
    ],
  ] as const)(
    'for an exact path, the route for the method first, as declared in any order (%#)',
    (declared) => {
      const options: CorsOptions = { origins: [APP], methods: ['DELETE'], routes: declared };
      expect(decide(options, '/items', { method: 'DELETE' })).toMatchObject({
        reason: 'cors-disabled',
      });
      expect(allowOrigin(decide(options, '/items'))).toBe(PARTNER);
    },
  );

  it.each([[['/a/:x/*', '/a/b/*']], [['/a/b/*', '/a/:x/*']]])(
    'more literal segments first, as declared in any order: %j',
    (paths) => {
      const options: CorsOptions = {
        origins: [APP],
        routes: paths.map((path) =>
          path === '/a/b/*' ? { path, origins: [PARTNER] } : { path, disabled: true },
        ),
      };
      expect(allowOrigin(decide(options, '/a/b/c'))).toBe(PARTNER);
      expect(decide(options, '/a/z/c')).toMatchObject({ reason: 'cors-disabled' });
    },
  );

  it.each([[['/a/*', '/a/:x']], [['/a/:x', '/a/*']]])(
    'more segments first, then exact shapes before prefixes: %j',
    (paths) => {
      const options: CorsOptions = {
        origins: [APP],
        routes: [
          ...paths.map((path) =>
            path === '/a/:x' ? { path, origins: [PARTNER] } : { path, disabled: true },
          ),
          { path: '/b/:x/*', disabled: true },
          { path: '/b/:x', origins: [PARTNER] },
        ],
      };
      expect(allowOrigin(decide(options, '/a/z'))).toBe(PARTNER);
      expect(decide(options, '/a/z/y')).toMatchObject({ reason: 'cors-disabled' });
      expect(allowOrigin(decide(options, '/b/z'))).toBe(PARTNER);
      expect(decide(options, '/b/z/y')).toMatchObject({ reason: 'cors-disabled' });
    },
  );
});

describe('routes with a trailing slash', () => {
  const options: CorsOptions = {
    origins: [APP, PARTNER],
    routes: [
      { path: '/reports/', origins: [APP] },
      { path: '/other', origins: [APP] },
    ],
  };

  it.each([
    ['/reports/', SENSITIVE_STRICT, 'origin-not-allowed'],
    ['/reports', SENSITIVE_STRICT, undefined],
    ['/reports', SENSITIVE_LENIENT, 'origin-not-allowed'],
    ['/reports/', SENSITIVE_LENIENT, 'origin-not-allowed'],
    ['/REPORTS/', INSENSITIVE_STRICT, 'origin-not-allowed'],
    ['/reports', INSENSITIVE_STRICT, undefined],
    ['/REPORTS', INSENSITIVE_LENIENT, 'origin-not-allowed'],
    ['/reports', undefined, 'path-ambiguous'],
    ['/reports/', undefined, 'origin-not-allowed'],
  ] as const)('GET %s from a partner, router %j: %s', (path, matching, reason) => {
    const decision = decide(options, path, matching === undefined ? {} : { matching });
    expect(decision.reason).toBe(reason);
    expect(allowOrigin(decision)).toBe(reason === undefined ? PARTNER : undefined);
  });

  it('an origin both spellings allow is allowed, with the headers they agree on', () => {
    expect(decide(options, '/reports', { origin: APP })).toMatchObject({
      allowed: true,
      headers: [['access-control-allow-origin', APP]],
      vary: ['Origin'],
    });
  });

  it('the root route "/" keeps its slash', () => {
    const root: CorsOptions = { origins: [APP, PARTNER], routes: [{ path: '/', origins: [APP] }] };
    for (const matching of [SENSITIVE_STRICT, SENSITIVE_LENIENT, INSENSITIVE_LENIENT]) {
      expect(decide(root, '/', { matching })).toMatchObject({ reason: 'origin-not-allowed' });
    }
    expect(decide(root, '/', { origin: APP })).toMatchObject({ allowed: true });
  });

  it('an unknown router may serve /reports with /reports/, even when every route ends with a slash', () => {
    const slashed: CorsOptions = {
      origins: [APP, PARTNER],
      routes: [
        { path: '/reports/', origins: [APP] },
        { path: '/files/:name/', origins: [APP] },
      ],
    };
    expect(decide(slashed, '/reports')).toMatchObject({ reason: 'path-ambiguous' });
    expect(decide(slashed, '/files/a')).toMatchObject({ reason: 'path-ambiguous' });
  });

  it('a route without one is not reached by stripping a slash the path does not have', () => {
    const plain: CorsOptions = {
      origins: [APP, PARTNER],
      routes: [{ path: '/reports', origins: [APP] }],
    };
    for (const matching of [SENSITIVE_LENIENT, SENSITIVE_STRICT, undefined]) {
      expect(decide(plain, '/reports', matching === undefined ? {} : { matching })).toMatchObject({
        reason: 'origin-not-allowed',
      });
    }
  });
});

describe('routes with capital letters', () => {
  const options: CorsOptions = {
    origins: [APP, PARTNER],
    routes: [
      { path: '/Admin', origins: [APP] },
      { path: '/other', origins: [APP] },
    ],
  };

  it.each([
    ['/Admin', SENSITIVE_STRICT, 'origin-not-allowed'],
    ['/admin', SENSITIVE_STRICT, undefined],
    ['/Admin/', SENSITIVE_LENIENT, 'origin-not-allowed'],
    ['/ADMIN', INSENSITIVE_STRICT, 'origin-not-allowed'],
    ['/ADMIN/', INSENSITIVE_LENIENT, 'origin-not-allowed'],
    ['/admin', undefined, 'path-ambiguous'],
    ['/Admin', undefined, 'origin-not-allowed'],
  ] as const)('GET %s from a partner, router %j: %s', (path, matching, reason) => {
    const decision = decide(options, path, matching === undefined ? {} : { matching });
    expect(decision.reason).toBe(reason);
  });

  it('an unknown router may fold /admin onto an all-capitals route', () => {
    const shouting: CorsOptions = {
      origins: [APP, PARTNER],
      routes: [{ path: '/ADMIN', origins: [APP] }],
    };
    expect(decide(shouting, '/admin')).toMatchObject({ reason: 'path-ambiguous' });
  });

  it.each(['/Z/9', '/A/9'])(
    'an unknown router may fold %s onto a lowercase route: its first and last capital count',
    (path) => {
      const lower: CorsOptions = {
        origins: [APP, PARTNER],
        routes: [{ path: path.toLowerCase().replace('/9', '/*'), origins: [APP] }],
      };
      expect(decide(lower, path)).toMatchObject({ reason: 'path-ambiguous' });
    },
  );
});

describe('spellings that reach different routes', () => {
  it('differing only in Vary: a disabled route and a denial are not the same answer', () => {
    const options: CorsOptions = {
      origins: [APP],
      routes: [{ path: '/admin/*', disabled: true }],
    };
    expect(decide(options, '/ADMIN/x', { origin: EVIL })).toMatchObject({
      reason: 'path-ambiguous',
    });
  });

  it('differing only in status: a 403 and a plain denial are not the same answer', () => {
    const options: CorsOptions = {
      origins: [APP],
      routes: [{ path: '/admin/*', origins: [APP], rejectDisallowed: true }],
    };
    expect(decide(options, '/ADMIN/x', { origin: EVIL })).toMatchObject({
      reason: 'path-ambiguous',
      status: undefined,
    });
  });

  it('one with credentials, one without: no credentials, no access', () => {
    const options: CorsOptions = {
      origins: [APP],
      routes: [
        { path: '/admin', origins: [APP] },
        { path: '/ADMIN', origins: [APP], credentials: true },
      ],
    };
    expect(decide(options, '/ADMIN', { origin: APP })).toMatchObject({
      allowed: false,
      reason: 'path-ambiguous',
      headers: [],
    });
  });

  it.each([
    [{ exposedHeaders: ['X-A'] }, { exposedHeaders: ['X-B'] }],
    [{ credentials: true }, { exposedHeaders: ['true'] }],
  ] as const)('headers of the same count that differ: %j and %j', (lower, upper) => {
    const options: CorsOptions = {
      origins: [APP],
      routes: [
        { path: '/docs', origins: [APP], ...lower },
        { path: '/DOCS', origins: [APP], ...upper },
      ],
    };
    expect(decide(options, '/DOCS', { origin: APP })).toMatchObject({
      allowed: false,
      reason: 'path-ambiguous',
    });
  });

  it('asks an origin predicate once, however many spellings lead to its route', () => {
    const asked: string[] = [];
    const options: CorsOptions = {
      origins: [APP],
      routes: [
        {
          path: '/api/*',
          origins: (origin: string) => {
            asked.push(origin);
            return origin === PARTNER;
          },
        },
      ],
    };
    expect(allowOrigin(decide(options, '/api/x/'))).toBe(PARTNER);
    expect(asked).toStrictEqual([PARTNER]);
  });

  describe('with an asynchronous origin predicate', () => {
    const options: AsyncCorsOptions = {
      origins: [APP, PARTNER],
      routes: [{ path: '/admin/*', origins: async (origin: string) => origin === APP }],
    };

    it('answers once every spelling has: the answer they agree on', async () => {
      const pending = ask(options, '/ADMIN/x', { origin: APP });
      expect(pending).toBeInstanceOf(Promise);
      expect(await pending).toMatchObject({
        allowed: true,
        headers: [['access-control-allow-origin', APP]],
      });
    });

    it('answers once every spelling has: none, when they disagree', async () => {
      const pending = ask(options, '/ADMIN/x', { origin: PARTNER });
      expect(pending).toBeInstanceOf(Promise);
      expect(await pending).toMatchObject({
        allowed: false,
        reason: 'path-ambiguous',
        value: '/ADMIN/x',
      });
    });
  });
});

describe('an empty last parameter (find-my-way, under Fastify, gives / to /:page)', () => {
  const options: CorsOptions = {
    origins: [APP, PARTNER],
    routes: [{ path: '/:page', origins: [APP] }],
  };

  it('does not give / the top-level policy when the router may serve it with /:page', () => {
    expect(decide(options, '/', { matching: SENSITIVE_STRICT })).toMatchObject({
      allowed: false,
      reason: 'path-ambiguous',
    });
    expect(allowOrigin(decide(options, '/', { origin: APP, matching: SENSITIVE_STRICT }))).toBe(
      APP,
    );
  });

  it('gives / its own route when there is one', () => {
    const withRoot: CorsOptions = {
      ...options,
      routes: [...(options.routes ?? []), { path: '/', origins: [PARTNER] }],
    };
    expect(allowOrigin(decide(withRoot, '/', { matching: SENSITIVE_STRICT }))).toBe(PARTNER);
  });

  it('does as it does for /files/ and /files/:name', () => {
    const files: CorsOptions = {
      origins: [APP, PARTNER],
      routes: [{ path: '/files/:name', origins: [APP] }],
    };
    expect(decide(files, '/files/', { matching: SENSITIVE_STRICT })).toMatchObject({
      reason: 'path-ambiguous',
    });
  });
});
