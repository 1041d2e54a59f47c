import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cors, CorsDecision, CorsOptions } from './index.ts';
import { createCors } from './index.ts';
import type {
  AmbiguityRule,
  ModelRequest,
  PathMatching,
  Prediction,
} from './test-support/policy-oracle.ts';
import {
  entriesOverlap,
  isWellFormedOrigin,
  listMatches,
  predictDecision,
  predictValidity,
} from './test-support/policy-oracle.ts';

/**
 * Model-based test of the policy semantics: random policies (a top level and up to three routes)
 * and random requests near them, decided by `createCors(...).decide` and by an independent oracle
 * written from the README (`test-support/policy-oracle.ts`), which must agree.
 *
 * Deterministic by default. `FC_SEED=<n>` replays another seed, `FC_RUNS=<n>` changes the number
 * of runs, `FC_TIME_LIMIT_MS=<n>` the time budget of each property (CI runs every package's tests
 * at once on 2 cores; a property stopped by its budget passes with the runs it made).
 */

const SEED = process.env['FC_SEED'] === undefined ? 0x5eed : Number(process.env['FC_SEED']);
const RUNS = process.env['FC_RUNS'] === undefined ? undefined : Number(process.env['FC_RUNS']);
const TIME_LIMIT_MS = Number(process.env['FC_TIME_LIMIT_MS'] ?? 1500);
/**
 * `MODEL_AMBIGUITY=routes`: the stricter reading of lenient paths (no CORS access whenever the
 * spellings name different routes), instead of the README's "the answer all the routes … give".
 */
const AMBIGUITY: AmbiguityRule = process.env['MODEL_AMBIGUITY'] === 'routes' ? 'routes' : 'answers';

function parameters(defaultRuns: number): fc.Parameters<unknown> {
  return {
    seed: SEED,
    numRuns: RUNS ?? defaultRuns,
    interruptAfterTimeLimit: TIME_LIMIT_MS,
    markInterruptAsFailure: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Policies, as printable data (a predicate is the list of origins it accepts)
// ---------------------------------------------------------------------------------------------

type OriginsSpec = '*' | readonly string[] | { readonly accepts: readonly string[] };

interface PolicySpec {
  readonly origins?: OriginsSpec;
  readonly credentials?: boolean | readonly string[];
  readonly methods?: '*' | readonly string[];
  readonly allowedHeaders?: '*' | readonly string[];
  readonly dangerouslyAllowNullOrigin?: boolean;
  readonly dangerouslyAllowPublicSuffixPatterns?: boolean;
}

interface RouteSpec extends PolicySpec {
  readonly path: string;
  readonly method?: string | readonly string[];
  readonly disabled?: true;
}

interface Spec extends PolicySpec {
  readonly routes?: readonly RouteSpec[];
}

const EXACT = [
  'https://app.example.com',
  'https://admin.example.com',
  'https://user-content.example.com',
  'https://app.example.org',
  'http://localhost:3000',
  'http://[::1]:8080',
];
const PATTERNS = ['https://*.example.com', 'http://localhost:*', 'http://[::1]:*'];
const GITHUB_SITE = 'https://octo.github.io';
const PUBLIC_SUFFIX_PATTERN = 'https://*.github.io';

const ROUTE_PATHS = [
  '/admin/*',
  '/admin',
  '/files/:name',
  '/files',
  '/api/*',
  '/Api/*',
  '/health/',
];

/** Request origins: listed ones and their near misses. */
const REQUEST_ORIGINS = [
  ...EXACT,
  GITHUB_SITE,
  'https://app.example.co', // one character off
  'https://app.example.comm',
  'https://app-example.com',
  'http://app.example.com', // other scheme
  'https://app.example.com:8443', // other port
  'https://app.example.com:443', // the default port, written
  'https://APP.example.com', // uppercase
  'HTTPS://app.example.com',
  'https://app.example.com/', // trailing slash
  'https://app.example.com.evil.net',
  'https://evilexample.com',
  'https://a.b.example.com', // a subdomain of a subdomain
  'https://a_b.example.com',
  'https://example.com', // the apex of a pattern
  'https://x.example.org',
  'http://localhost:3001',
  'http://localhost',
  'http://localhost:80',
  'http://localhost:0',
  'http://localhost:65535',
  'http://localhost:65536',
  'http://localhost:03000',
  'https://localhost:3000',
  'http://127.0.0.1:3000',
  'http://[::1]',
  'http://[::1]:9',
  'http://[::2]:8080',
  'https://evil.github.io',
  'https://github.io',
  'null',
  'https://app.example.com, https://evil.net',
];
const PREDICATE_UNIVERSE = [...REQUEST_ORIGINS.filter(isWellFormedOrigin), 'null'];

/** `fc.oneof` with weights: [weight, arbitrary] pairs. */
function weighted<T>(...choices: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));
}
const absent = fc.constant(undefined);

const originList: fc.Arbitrary<readonly string[]> = weighted(
  [
    30,
    fc.uniqueArray(
      weighted<string>(
        [10, fc.constantFrom(...EXACT, ...PATTERNS)],
        [1, fc.constantFrom('null', GITHUB_SITE)],
      ),
      { minLength: 1, maxLength: 4 },
    ),
  ],
  [1, fc.constant<readonly string[]>([])],
);
const predicate: fc.Arbitrary<OriginsSpec> = fc
  .subarray(PREDICATE_UNIVERSE)
  .map((accepts) => ({ accepts }));
const credentialsList: fc.Arbitrary<readonly string[]> = fc.uniqueArray(
  weighted<string>(
    [10, fc.constantFrom(...EXACT, ...PATTERNS)],
    [2, fc.constantFrom('null', GITHUB_SITE, PUBLIC_SUFFIX_PATTERN)],
  ),
  { minLength: 1, maxLength: 4 },
);
const methodsOption = (absentWeight: number): fc.Arbitrary<'*' | readonly string[] | undefined> =>
  weighted<'*' | readonly string[] | undefined>(
    [absentWeight, absent],
    [1, fc.constant('*')],
    [2, fc.subarray(['PUT', 'DELETE', 'PATCH'])],
  );
const allowedHeadersOption = (
  absentWeight: number,
): fc.Arbitrary<'*' | readonly string[] | undefined> =>
  weighted<'*' | readonly string[] | undefined>(
    [absentWeight, absent],
    [1, fc.constant('*')],
    [1, fc.constant(['*', 'Authorization'])],
    [2, fc.uniqueArray(fc.constantFrom('Content-Type', 'X-Custom', 'Authorization'))],
  );
const flag = (absentWeight: number): fc.Arbitrary<boolean | undefined> =>
  weighted<boolean | undefined>([absentWeight, absent], [1, fc.boolean()]);

/** `T` with its keys that may be undefined made optional instead. */
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops absent keys, so that a spec prints (and spreads) only what it sets. */
function defined<T extends object>(record: T): Defined<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Defined<T>;
}

function without<T extends object>(record: T, key: keyof T): T {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key)) as T;
}

const topLevelKeys: fc.Arbitrary<PolicySpec> = fc
  .record({
    origins: weighted<OriginsSpec | undefined>(
      [1, absent],
      [2, fc.constant('*')],
      [5, originList],
      [2, predicate],
    ),
    credentials: weighted<boolean | readonly string[] | undefined>(
      [3, absent],
      [2, fc.constant(true)],
      [1, fc.constant(false)],
      [3, credentialsList],
    ),
    methods: methodsOption(3),
    allowedHeaders: allowedHeadersOption(2),
    dangerouslyAllowNullOrigin: flag(2),
    dangerouslyAllowPublicSuffixPatterns: flag(2),
  })
  .map(defined);

const routeMatch = fc.record({
  path: fc.constantFrom(...ROUTE_PATHS),
  method: weighted<string | readonly string[] | undefined>(
    [3, absent],
    [1, fc.constant('GET')],
    [1, fc.constant(['PUT', 'DELETE'])],
    [1, fc.constant('HEAD')],
  ),
});

const route: fc.Arbitrary<RouteSpec> = weighted<RouteSpec>(
  [1, routeMatch.map((match) => defined({ ...match, disabled: true as const }))],
  [
    5,
    fc
      .record({
        match: routeMatch,
        origins: weighted<OriginsSpec | undefined>(
          [3, absent],
          [1, fc.constant('*')],
          [2, originList],
          [1, predicate],
        ),
        credentials: weighted<boolean | readonly string[] | undefined>(
          [3, absent],
          [1, fc.constant(true)],
          [1, fc.constant(false)],
          [2, credentialsList],
        ),
        methods: methodsOption(4),
        allowedHeaders: allowedHeadersOption(5),
        dangerouslyAllowNullOrigin: flag(8),
        dangerouslyAllowPublicSuffixPatterns: flag(8),
      })
      .map(({ match, ...keys }) => defined({ ...match, ...keys })),
  ],
);

const rawSpecs: fc.Arbitrary<Spec> = fc
  .record({
    topLevel: topLevelKeys,
    routes: weighted<readonly RouteSpec[] | undefined>(
      [2, absent],
      [1, fc.constant([])],
      [6, fc.array(route, { minLength: 1, maxLength: 3 })],
    ),
  })
  .map(({ topLevel, routes }) => defined({ ...topLevel, routes }));

/**
 * A route that sets a dangerous flag while inheriting an entry that needs it ("turning
 * `dangerouslyAllowNullOrigin` off while inheriting `'null'` is an error"): rare by chance.
 */
const flagScenarios: fc.Arbitrary<Spec> = fc
  .record({
    flag: fc.constantFrom<'dangerouslyAllowNullOrigin' | 'dangerouslyAllowPublicSuffixPatterns'>(
      'dangerouslyAllowNullOrigin',
      'dangerouslyAllowPublicSuffixPatterns',
    ),
    inCredentials: fc.boolean(),
    path: fc.constantFrom(...ROUTE_PATHS),
    routeFlag: fc.boolean(),
    routeOrigins: fc.boolean(),
  })
  .map(({ flag, inCredentials, path, routeFlag, routeOrigins }): Spec => {
    const isNull = flag === 'dangerouslyAllowNullOrigin';
    const entry = isNull ? 'null' : PUBLIC_SUFFIX_PATTERN;
    const topLevel: PolicySpec = inCredentials
      ? { origins: [EXACT[0] as string, isNull ? 'null' : GITHUB_SITE], credentials: [entry] }
      : { origins: [EXACT[0] as string, entry] };
    return {
      ...topLevel,
      [flag]: true,
      routes: [{ path, [flag]: routeFlag, ...(routeOrigins ? { origins: [EXACT[1]] } : {}) }],
    } as Spec;
  });

/** The lists a scope has in force, to find the entries that need a flag. */
function listsOf(policy: PolicySpec): string[] {
  return [
    ...(Array.isArray(policy.origins) ? (policy.origins as readonly string[]) : []),
    ...(Array.isArray(policy.credentials) ? policy.credentials : []),
  ];
}

/**
 * Most generated policies are made valid (so that the decision properties have something to
 * decide) by the simplest fixes: set the flags a list needs, drop credentials entries no allowed
 * origin can match, drop credentials that make '*' credentialed, drop duplicate routes. The rest
 * stay as generated, mostly invalid, for the validity property.
 */
function repair(spec: Spec): Spec {
  let top: Spec = spec;
  const routes = spec.routes ?? [];
  if (routes.length === 0 && top.origins === undefined)
    top = { ...top, origins: ['https://app.example.com'] };
  if (Array.isArray(top.origins) && top.origins.length === 0)
    top = { ...top, origins: ['https://app.example.com'] };
  const fixScope = (own: PolicySpec, merged: () => PolicySpec): PolicySpec => {
    let out = own;
    const now = (): PolicySpec => ({ ...merged(), ...out });
    if (Array.isArray(out.origins) && out.origins.length === 0)
      out = { ...out, origins: ['https://admin.example.com'] };
    if (now().origins === undefined) out = { ...out, origins: ['https://admin.example.com'] };
    if (now().origins === '*' && now().credentials === true) out = { ...out, credentials: false };
    const origins = now().origins;
    if (Array.isArray(out.credentials) && Array.isArray(origins)) {
      const kept = out.credentials.filter((credential) =>
        (origins as readonly string[]).some((entry) => entriesOverlap(credential, entry)),
      );
      out = kept.length > 0 ? { ...out, credentials: kept } : without(out, 'credentials');
      if (now().origins === '*' && now().credentials === true) out = { ...out, credentials: false };
    }
    const entries = listsOf(now());
    if (entries.includes('null') && now().dangerouslyAllowNullOrigin !== true)
      out = { ...out, dangerouslyAllowNullOrigin: true };
    if (
      entries.includes(PUBLIC_SUFFIX_PATTERN) &&
      now().dangerouslyAllowPublicSuffixPatterns !== true
    )
      out = { ...out, dangerouslyAllowPublicSuffixPatterns: true };
    return out;
  };
  const { routes: _ignored, ...topKeys } = top;
  let fixedTop: PolicySpec = topKeys;
  if (top.origins !== undefined || routes.length === 0) fixedTop = fixScope(topKeys, () => ({}));
  else {
    // No top-level origins: only the flags its lists need.
    const entries = listsOf(topKeys);
    if (entries.includes('null')) fixedTop = { ...fixedTop, dangerouslyAllowNullOrigin: true };
    if (entries.includes(PUBLIC_SUFFIX_PATTERN))
      fixedTop = { ...fixedTop, dangerouslyAllowPublicSuffixPatterns: true };
  }
  const seen = new Set<string>();
  const fixedRoutes: RouteSpec[] = [];
  for (const r of routes) {
    const methods = r.method === undefined ? '*' : [r.method].flat().sort().join(',');
    const key = `${r.path} ${methods}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (r.disabled === true) {
      fixedRoutes.push(r);
      continue;
    }
    const { path, method, ...own } = r;
    const fixed = fixScope(own, () => fixedTop);
    fixedRoutes.push(defined({ path, method, ...fixed }));
  }
  return spec.routes === undefined ? fixedTop : { ...fixedTop, routes: fixedRoutes };
}

const specs: fc.Arbitrary<Spec> = weighted(
  [20, fc.tuple(rawSpecs, fc.nat(9)).map(([spec, dice]) => (dice < 8 ? repair(spec) : spec))],
  [1, flagScenarios],
);

/** The options `createCors` takes; `onCall` sees every origin a predicate is called with. */
function toOptions(spec: Spec, onCall?: (origin: string) => void): CorsOptions {
  const policy = <T extends PolicySpec>(keys: T): T => {
    const origins = keys.origins;
    if (origins === undefined || origins === '*' || Array.isArray(origins)) return keys;
    const accepts = (origins as { accepts: readonly string[] }).accepts;
    return {
      ...keys,
      origins: (origin: string): boolean => {
        onCall?.(origin);
        return accepts.includes(origin);
      },
    };
  };
  const { routes, ...top } = spec;
  const options = policy(top) as Record<string, unknown>;
  if (routes !== undefined) options['routes'] = routes.map((r) => policy(r));
  return options as CorsOptions;
}

function tryCreate(options: CorsOptions): { cors: Cors } | { error: Error } {
  try {
    return { cors: createCors(options) };
  } catch (error) {
    if (error instanceof Error && error.name === 'CorsConfigError') return { error };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

interface RequestSpec {
  readonly method: string;
  readonly origin?: string;
  readonly acrm?: string;
  readonly acrh?: string;
  readonly path: string;
}

/** Paths near the routes: as written, with a trailing slash, in other cases, with a query. */
const PATHS = [
  '/',
  '/other',
  '/admin',
  '/admin/',
  '/admin/x',
  '/Admin',
  '/ADMIN/x',
  '/admin;x',
  '/admin/#x',
  '/admin#x',
  '/admin?x',
  '/adminx',
  '/admin/%20x',
  '/admin/%zz',
  '/files',
  '/files/',
  '/files/x',
  '/files/X',
  '/Files/x',
  '/files/x?y',
  '/files/x#y',
  '/files/x/y',
  '/files/x?/../admin',
  '/api',
  '/api/',
  '/api/v1',
  '/Api/v1',
  '/API/v1',
  '/apix',
  '/health',
  '/health/',
  '/Health/',
];
/** Targets a router may resolve to another path: dot segments, `//`, encodings, absolute form. */
const UNSAFE_PATHS = [
  '/health//',
  '/./admin',
  '/admin/../files/x',
  '/admin/.',
  '/admin/..',
  '//admin',
  '/admin\\x',
  '/%61dmin',
  '/admin%2Fx',
  '/admin%2fx',
  '/files/%2e%2e',
  '/files/%2E',
  '/admin/%7E',
  'http://host/admin',
  '*',
];
const paths = weighted<string>(
  [6, fc.constantFrom(...PATHS)],
  [1, fc.constantFrom(...UNSAFE_PATHS)],
);
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'put', 'PATCH', 'OPTIONS'];
const REQUESTED_METHODS = [
  ...METHODS,
  'PURGE',
  'TRACE',
  'CONNECT',
  'track',
  'M'.repeat(64),
  'M'.repeat(65),
  '',
];
const REQUESTED_HEADERS = [
  'content-type',
  'X-Custom',
  'authorization',
  'Content-Type, X-Custom',
  ' , x-custom',
  '',
];

const requestOrigin = weighted<string>(
  [3, fc.constantFrom(...REQUEST_ORIGINS)],
  [1, fc.constantFrom(...EXACT)],
);
const optional = <T>(arbitrary: fc.Arbitrary<T>, absentWeight = 1): fc.Arbitrary<T | undefined> =>
  weighted<T | undefined>([absentWeight, absent], [1, arbitrary]);

const requestSpecs: fc.Arbitrary<RequestSpec> = weighted<RequestSpec>(
  [
    3,
    fc
      .record({
        method: fc.constant('OPTIONS'),
        origin: requestOrigin,
        acrm: weighted<string>(
          [3, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH')],
          [1, fc.constantFrom(...REQUESTED_METHODS)],
        ),
        acrh: optional(fc.constantFrom(...REQUESTED_HEADERS)),
        path: paths,
      })
      .map(defined),
  ],
  [
    3,
    fc
      .record({
        method: fc.constantFrom(...METHODS),
        origin: requestOrigin,
        acrm: optional(fc.constantFrom('PUT', 'GET'), 4),
        path: paths,
      })
      .map(defined),
  ],
  [
    1,
    fc
      .record({
        method: fc.constantFrom(...METHODS),
        acrm: optional(fc.constantFrom('PUT', 'GET'), 2),
        path: paths,
      })
      .map(defined),
  ],
);

const EXACT_MATCHING: PathMatching = { caseSensitive: true, trailingSlash: 'significant' };
const UNKNOWN_MATCHING: PathMatching = { caseSensitive: 'unknown', trailingSlash: 'unknown' };

function toRequest(spec: RequestSpec, matching: PathMatching | undefined): ModelRequest {
  const headers: Record<string, string | undefined> = {
    origin: spec.origin,
    'access-control-request-method': spec.acrm,
    'access-control-request-headers': spec.acrh,
  };
  return {
    method: spec.method,
    header: (name) => headers[name],
    path: spec.path,
    ...(matching === undefined ? {} : { pathMatching: matching }),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparing a decision with a prediction
// ---------------------------------------------------------------------------------------------

function header(decision: CorsDecision, name: string): string | undefined {
  return decision.headers.find(([n]) => n === name)?.[1];
}

/** The observable parts of a decision the oracle predicts, side by side with the prediction. */
function sideBySide(decision: CorsDecision, predicted: Prediction) {
  const observed: Record<string, unknown> = {
    kind: decision.kind,
    'access-control-allow-origin': header(decision, 'access-control-allow-origin'),
    'access-control-allow-credentials': header(decision, 'access-control-allow-credentials'),
  };
  const expected: Record<string, unknown> = {
    kind: predicted.kind,
    'access-control-allow-origin': predicted.allowOrigin,
    'access-control-allow-credentials': predicted.allowCredentials ? 'true' : undefined,
  };
  if (predicted.kind === 'preflight') {
    observed['access-control-allow-methods'] = header(decision, 'access-control-allow-methods');
    expected['access-control-allow-methods'] = predicted.allowMethods;
  }
  if (predicted.kind !== 'non-cors') {
    observed['allowed'] = decision.allowed;
    expected['allowed'] = predicted.allowed;
    observed['status'] = decision.status;
    expected['status'] = predicted.status;
    // Reasons are compared where the path alone decides, and on grants (no reason).
    if (predicted.pathReason !== undefined || predicted.allowed) {
      observed['reason'] = decision.reason;
      expected['reason'] = predicted.pathReason;
    }
  }
  return { observed, expected };
}

function explain(spec: Spec, request: RequestSpec, matching: unknown, predicted: Prediction) {
  return [
    `policy:  ${JSON.stringify(spec)}`,
    `request: ${JSON.stringify(request)} pathMatching: ${JSON.stringify(matching) ?? 'omitted'}`,
    `oracle:  policy applied: ${predicted.applied}`,
  ].join('\n');
}

/** Builds the policy when both the oracle and createCors call it valid (else another property). */
function validPolicy(spec: Spec, onCall?: (origin: string) => void): Cors | undefined {
  const options = toOptions(spec, onCall);
  if (predictValidity(options).verdict !== 'valid') return undefined;
  const built = tryCreate(options);
  return 'cors' in built ? built.cors : undefined;
}

function checkAgainstOracle(
  spec: Spec,
  requests: readonly RequestSpec[],
  matchingOf: (i: number) => PathMatching | undefined,
  onlyWithRoutes: boolean,
): void {
  if (onlyWithRoutes && (spec.routes ?? []).length === 0) return;
  const cors = validPolicy(spec);
  if (cors === undefined) return;
  const options = toOptions(spec);
  requests.forEach((requestSpec, i) => {
    const matching = matchingOf(i);
    const request = toRequest(requestSpec, matching);
    const predicted = predictDecision(options, request, AMBIGUITY);
    if (predicted.unsettled !== undefined) return;
    const decision = cors.decide(request);
    const { observed, expected } = sideBySide(decision, predicted);
    expect(observed, explain(spec, requestSpec, matching, predicted)).toStrictEqual(expected);
  });
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('policy model', () => {
  it('generates mostly valid policies (so the decision properties decide something)', () => {
    const sample = fc.sample(specs, { seed: SEED, numRuns: 400 });
    const verdicts = sample.map((spec) => predictValidity(toOptions(spec)).verdict);
    const valid = verdicts.filter((verdict) => verdict === 'valid').length / sample.length;
    const invalid = verdicts.filter((verdict) => verdict === 'invalid').length / sample.length;
    expect(valid).toBeGreaterThan(0.7);
    expect(invalid).toBeGreaterThan(0.05);
  });

  it('1. createCors throws a CorsConfigError iff the oracle says the policy is invalid', () => {
    fc.assert(
      fc.property(specs, (spec) => {
        const options = toOptions(spec);
        const validity = predictValidity(options);
        if (validity.verdict === 'unknown') return; // a case the README leaves open
        const built = tryCreate(options);
        const verdict = 'cors' in built ? 'valid' : 'invalid';
        const detail =
          'error' in built
            ? `createCors threw: ${built.error.message}`
            : `createCors accepted it; the oracle found: ${validity.verdict === 'invalid' ? validity.problems.join('; ') : 'nothing'}`;
        expect(verdict, `policy: ${JSON.stringify(spec)}\n${detail}`).toBe(validity.verdict);
      }),
      parameters(1000),
    );
  });

  it('2. grants exactly what the oracle grants, with exact path matching', () => {
    fc.assert(
      fc.property(specs, fc.array(requestSpecs, { minLength: 1, maxLength: 4 }), (spec, requests) =>
        checkAgainstOracle(spec, requests, () => EXACT_MATCHING, false),
      ),
      parameters(600),
    );
  });

  it('3. denies paths a lenient router may route elsewhere (path-ambiguous), else matches exactly', () => {
    fc.assert(
      fc.property(
        specs,
        fc.array(fc.tuple(requestSpecs, fc.boolean()), { minLength: 1, maxLength: 4 }),
        (spec, requests) =>
          checkAgainstOracle(
            spec,
            requests.map(([request]) => request),
            (i) => (requests[i]?.[1] ? UNKNOWN_MATCHING : undefined),
            true,
          ),
      ),
      parameters(600),
    );
  });

  it('3b. considers only the unknown half of pathMatching when the other half is known', () => {
    const halfKnown = fc.constantFrom<PathMatching>(
      { caseSensitive: true, trailingSlash: 'unknown' },
      { caseSensitive: 'unknown', trailingSlash: 'significant' },
    );
    fc.assert(
      fc.property(
        specs,
        fc.array(fc.tuple(requestSpecs, halfKnown), { minLength: 1, maxLength: 4 }),
        (spec, requests) =>
          checkAgainstOracle(
            spec,
            requests.map(([request]) => request),
            (i) => requests[i]?.[1],
            true,
          ),
      ),
      parameters(300),
    );
  });

  it('4. never credentials with *, never an origin no policy allows, predicates see well-formed origins', () => {
    const matchings = fc.constantFrom<PathMatching | undefined>(
      EXACT_MATCHING,
      UNKNOWN_MATCHING,
      undefined,
    );
    fc.assert(
      fc.property(
        specs,
        fc.array(fc.tuple(requestSpecs, matchings), { minLength: 1, maxLength: 4 }),
        (spec, requests) => {
          const calls: string[] = [];
          const cors = validPolicy(spec, (origin) => calls.push(origin));
          if (cors === undefined) return;
          const scopes: PolicySpec[] = [spec, ...(spec.routes ?? [])];
          const originsAllow = (origin: string): boolean =>
            scopes.some(({ origins }) =>
              origins === '*'
                ? true
                : Array.isArray(origins)
                  ? listMatches(origins as readonly string[], origin)
                  : origins !== undefined &&
                    (origins as { accepts: readonly string[] }).accepts.includes(origin),
            );
          const credentialsAllow = (origin: string): boolean =>
            scopes.some(
              ({ credentials }) =>
                credentials === true ||
                (Array.isArray(credentials) && listMatches(credentials, origin)),
            );
          const nullOptIn = scopes.some((scope) => scope.dangerouslyAllowNullOrigin === true);
          for (const [requestSpec, matching] of requests) {
            const decision = cors.decide(toRequest(requestSpec, matching));
            const why = `policy: ${JSON.stringify(spec)}\nrequest: ${JSON.stringify(requestSpec)} pathMatching: ${JSON.stringify(matching) ?? 'omitted'}`;
            const allowOrigin = header(decision, 'access-control-allow-origin');
            const allowCredentials = header(decision, 'access-control-allow-credentials');
            if (allowCredentials !== undefined) {
              expect(allowCredentials, why).toBe('true');
              expect(allowOrigin, why).not.toBe('*');
              expect(allowOrigin, why).toBe(requestSpec.origin);
              expect(credentialsAllow(requestSpec.origin as string), why).toBe(true);
            }
            if (allowOrigin === '*') {
              expect(
                scopes.some(({ origins }) => origins === '*'),
                why,
              ).toBe(true);
            } else if (allowOrigin !== undefined) {
              expect(allowOrigin, why).toBe(requestSpec.origin);
              expect(originsAllow(allowOrigin), `${why}\nno origins option allows it`).toBe(true);
            }
          }
          for (const origin of calls) {
            expect(
              isWellFormedOrigin(origin) || (origin === 'null' && nullOptIn),
              `predicate called with ${JSON.stringify(origin)}; policy: ${JSON.stringify(spec)}`,
            ).toBe(true);
          }
        },
      ),
      parameters(600),
    );
  });

  it('5. getOptions() gives the policy back: createCors(cors.getOptions()) decides every request as cors does', () => {
    const matchings = fc.constantFrom<PathMatching | undefined>(
      EXACT_MATCHING,
      UNKNOWN_MATCHING,
      undefined,
    );
    fc.assert(
      fc.property(
        specs,
        fc.array(fc.tuple(requestSpecs, matchings), { minLength: 1, maxLength: 4 }),
        (spec, requests) => {
          const cors = validPolicy(spec);
          if (cors === undefined) return;
          const options = cors.getOptions();
          const copy = createCors(options);
          const why = `policy: ${JSON.stringify(spec)}\ngetOptions(): ${JSON.stringify(options)}`;
          // Normalized once, the options are a fixed point.
          expect(copy.getOptions(), why).toStrictEqual(options);
          for (const [requestSpec, matching] of requests) {
            const request = toRequest(requestSpec, matching);
            expect(observable(copy.decide(request)), why).toStrictEqual(
              observable(cors.decide(request)),
            );
          }
        },
      ),
      parameters(400),
    );
  });

  it('6. a reconfigured policy decides as a policy created with the new options', () => {
    fc.assert(
      fc.property(
        specs,
        specs,
        fc.array(requestSpecs, { minLength: 1, maxLength: 4 }),
        (before, after, requests) => {
          const cors = validPolicy(before);
          const fresh = validPolicy(after);
          if (cors === undefined || fresh === undefined) return;
          cors.reconfigure(toOptions(after));
          expect(cors.revision).toBe(2);
          for (const requestSpec of requests) {
            const request = toRequest(requestSpec, EXACT_MATCHING);
            expect(
              observable(cors.decide(request)),
              `before: ${JSON.stringify(before)}\nafter: ${JSON.stringify(after)}`,
            ).toStrictEqual(observable(fresh.decide(request)));
          }
        },
      ),
      parameters(300),
    );
  });
});

/** Everything a decision tells an adapter to do. */
function observable(decision: CorsDecision) {
  const { kind, allowed, origin, reason, value, status, headers, vary } = decision;
  return { kind, allowed, origin, reason, value, status, headers, vary };
}
