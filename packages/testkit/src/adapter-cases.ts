import type { AsyncCorsOptions, CorsInput, CorsOptions } from '@corsica/cors-core';
import type { AdapterHarness } from './harness.ts';
import {
  AREA_ADMIN,
  AREA_MARKER,
  HANDLER_MARKER,
  HANDLER_RAN,
  LARGE_HEADER_LIMIT,
} from './harness.ts';
import type { RawRequest, RawResponse } from './http-client.ts';
import { ADMIN, APP, EVIL, PARTNER, PREFLIGHT_TOKENS } from './serve.ts';

/**
 * Cases the vectors cannot express, because they concern the framework around the CORS layer:
 * the app's own Vary, error responses, HEAD, pass-through, per-path policies on real routers,
 * the ways a router reads a path (case, trailing slash, `;`, `#`), malformed targets,
 * asynchronous predicates, refused policies, and Node's header limit.
 */

/**
 * A case's policy, or a policy built for the harness (whose predicates read its framework's
 * request), or compiled for it (a case that reconfigures the policy the server holds).
 */
export type CaseOptions =
  | CorsOptions<unknown>
  | AsyncCorsOptions<unknown>
  | ((harness: AdapterHarness) => CorsInput<unknown>);

interface CaseBase {
  readonly id: string;
  readonly title: string;
  readonly options: CaseOptions;
  /** Node's default header limit instead of the kit's 256 KiB. */
  readonly defaultHeaderLimit?: true;
}

/** One request, one response. */
export interface SingleRequestCase extends CaseBase {
  readonly request: RawRequest;
  /** What does not hold of the response (from a server `harness` started); empty when it passes. */
  check(response: RawResponse, harness: AdapterHarness): string[];
}

/** Several requests, sent in order to the same server, checked together. */
export interface SequenceCase extends CaseBase {
  readonly requests: readonly RawRequest[];
  /** What does not hold of the responses (in the order sent); empty when the case passes. */
  checkAll(responses: readonly RawResponse[]): string[];
}

/**
 * A policy the adapter must refuse: the harness's `start` throws or rejects with the core's
 * `CorsConfigError`. No request is sent.
 */
export interface RefusedCase extends CaseBase {
  readonly refused: true;
  /** Sent only if the policy was wrongly accepted, to show in the failure what it then grants. */
  readonly probe?: RawRequest;
}

/**
 * A case that drives the connection itself (a client that leaves mid-request, say) and then checks
 * the server with ordinary requests: `exchange` returns what does not hold, empty when it passes.
 */
export interface ConnectionCase extends CaseBase {
  exchange(url: string): Promise<string[]>;
}

export type AdapterCase = SingleRequestCase | SequenceCase | RefusedCase | ConnectionCase;

const policy: CorsOptions<unknown> = {
  origins: [APP],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  allowedHeaders: ['Content-Type', 'X-Custom'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};

const perPath: CorsOptions<unknown> = {
  ...policy,
  routes: [
    { path: '/api/public/*', origins: '*', credentials: false },
    { path: '/api/internal/*', disabled: true },
  ],
};

/** One header as one value (field lines joined), or undefined. */
export function one(response: RawResponse, name: string): string | undefined {
  const lines = response.headers[name];
  return lines === undefined ? undefined : lines.join(', ');
}

/** Every Vary token, in order, across field lines. */
export function varyTokens(response: RawResponse): string[] {
  return (response.headers['vary'] ?? [])
    .flatMap((line) => line.split(','))
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

type Expectation = string | null;

/** Compares the named headers with exact values (`null`: absent), and Vary as an exact token list. */
export function expectHeaders(
  response: RawResponse,
  expected: Record<string, Expectation>,
  vary?: readonly string[],
): string[] {
  const failures: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    const actual = one(response, name) ?? null;
    if (actual !== value)
      failures.push(`${name} should be ${JSON.stringify(value)}, was ${JSON.stringify(actual)}`);
  }
  if (vary !== undefined) {
    const tokens = varyTokens(response);
    if (tokens.join(', ') !== vary.join(', ')) {
      failures.push(
        `Vary should be exactly ${JSON.stringify(vary.join(', '))}, was ${JSON.stringify(tokens.join(', '))}`,
      );
    }
  }
  return failures;
}

export function expectStatus(response: RawResponse, status: number): string[] {
  return response.status === status ? [] : [`status should be ${status}, was ${response.status}`];
}

export function expectHandler(response: RawResponse, ran: boolean): string[] {
  const marker = one(response, HANDLER_MARKER) === HANDLER_RAN;
  if (marker === ran) return [];
  return [
    ran
      ? 'the application handler should have run'
      : 'the CORS layer should answer before any handler',
  ];
}

/** No `Access-Control-Allow-*` header at all. */
export function expectNoAllowHeaders(response: RawResponse): string[] {
  const sent = Object.keys(response.headers).filter((name) =>
    name.startsWith('access-control-allow-'),
  );
  return sent.length === 0
    ? []
    : [`no Access-Control-Allow-* header should be sent, got ${JSON.stringify(sent)}`];
}

/** Each of `tokens` exactly once in Vary (case-insensitively), whatever else it holds. */
export function expectVaryOnce(response: RawResponse, tokens: readonly string[]): string[] {
  const sent = varyTokens(response);
  return tokens
    .filter((token) => sent.filter((t) => t.toLowerCase() === token.toLowerCase()).length !== 1)
    .map((token) => `Vary should hold ${token} exactly once, was ${JSON.stringify(sent)}`);
}

export function expectNoServerError(response: RawResponse, label = 'the response'): string[] {
  return response.status < 500 ? [] : [`${label} should not be a 5xx, was ${response.status}`];
}

/** Whether the test application's admin area answered (it marks its responses). */
export function reachedAdmin(response: RawResponse): boolean {
  return one(response, AREA_MARKER) === AREA_ADMIN;
}

const allowedActual = {
  'access-control-allow-origin': APP,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'X-Request-Id',
};

/** Credentials patterns wider than the origins: the list only picks among allowed origins. */
const credentialsWiderThanOrigins: CorsOptions<unknown> = {
  origins: [APP],
  credentials: ['https://*.example.com'],
};

const credentialsWithPredicate: CorsOptions<unknown> = {
  origins: (origin: string) =>
    origin !== 'https://suspended.example.com' && origin.endsWith('.example.com'),
  credentials: ['https://*.example.com'],
};

/** A tiered policy whose route narrows the origins: the inherited tier only picks among them. */
const tieredWithNarrowRoute: CorsOptions<unknown> = {
  origins: '*',
  credentials: [APP],
  methods: ['PUT'],
  routes: [{ path: '/api/admin/*', origins: [ADMIN] }],
};

const withPublicRoute: CorsOptions<unknown> = {
  origins: [APP],
  routes: [{ path: '/api/public/*', origins: '*' }],
};

/** The test application's admin area (`/admin` and below) is for APP only; PARTNER gets the rest. */
export const adminArea: CorsOptions<unknown> = {
  origins: [APP, PARTNER],
  credentials: true,
  methods: ['PUT'],
  routes: [{ path: '/admin/*', origins: [APP] }],
};

const adminAreaForGet: CorsOptions<unknown> = {
  ...adminArea,
  routes: [{ path: '/admin/*', method: 'GET', origins: [APP] }],
};

const anyMethod: CorsOptions<unknown> = { origins: [APP], methods: '*' };

/** Each tenant's own web app, by the Host its API is reached at. */
const TENANT_APPS: Readonly<Record<string, string>> = {
  'tenant-a.example.com': 'https://app.tenant-a.example.com',
  'tenant-b.example.com': 'https://app.tenant-b.example.com',
};

/** Built per harness: the predicate reads Host the way the harness's framework gives it. */
function tenantPolicy(harness: AdapterHarness): CorsOptions<unknown> {
  return {
    origins: (origin, context) => {
      const host = harness.hostOf(context);
      return host !== undefined && TENANT_APPS[host] === origin;
    },
    credentials: true,
  };
}

/**
 * Spellings of the admin area that lenient routers may route to it: case-insensitive matching,
 * an ignored trailing slash, `;` as a path delimiter, a `#` that is not stripped by the client.
 */
const adminSpellings: readonly (readonly [id: string, path: string])[] = [
  ['uppercase', '/ADMIN/users'],
  ['capitalised', '/Admin'],
  ['trailing-slash', '/admin/users/'],
  ['semicolon', '/admin;x'],
  ['segment-semicolon', '/admin/users;x'],
  ['fragment', '/admin/#x'],
];

/** Whatever a spelling reaches, if it is the admin area, PARTNER must get nothing for it. */
export function expectAdminClosedToPartner(response: RawResponse, label: string): string[] {
  if (!reachedAdmin(response)) return expectNoServerError(response, label);
  return expectHeaders(response, {
    'access-control-allow-origin': null,
    'access-control-allow-credentials': null,
  }).map((failure) => `${label} reached the admin area, so ${failure}`);
}

export function adminSpellingCase(id: string, path: string, method = 'GET'): SingleRequestCase {
  return {
    id: `admin-spelling-${id}`,
    title: `${method} ${path} from another origin gets nothing if the router takes it to /admin`,
    options: adminArea,
    request: { method, path, headers: { Origin: PARTNER } },
    check: (r) => expectAdminClosedToPartner(r, `${method} ${path}`),
  };
}

/**
 * The handler never runs for a preflight, so the actual request goes first: where it reaches the
 * admin area, the preflight to the same spelling must not let PARTNER send it.
 */
export function adminPreflightCase(id: string, path: string): SequenceCase {
  return {
    id: `admin-preflight-${id}`,
    title: `a preflight for PUT ${path} from another origin is refused if the PUT reaches /admin`,
    options: adminArea,
    requests: [
      { method: 'PUT', path, headers: { Origin: PARTNER } },
      {
        method: 'OPTIONS',
        path,
        headers: { Origin: PARTNER, 'Access-Control-Request-Method': 'PUT' },
      },
    ],
    checkAll: ([put, preflight]) => {
      if (put === undefined || preflight === undefined) return ['a response is missing'];
      const failures = [
        ...expectAdminClosedToPartner(put, `PUT ${path}`),
        ...expectNoServerError(preflight, `OPTIONS ${path}`),
      ];
      const granted = one(preflight, 'access-control-allow-origin');
      if (reachedAdmin(put) && preflight.status < 300 && granted !== undefined) {
        failures.push(
          `PUT ${path} reached the admin area, yet its preflight was answered ${preflight.status} with Access-Control-Allow-Origin ${JSON.stringify(granted)}`,
        );
      }
      return failures;
    },
  };
}

/** Request targets no URL parser accepts: the CORS layer must not turn them into a 5xx. */
function malformedTargetCase(id: string, path: string, what: string): SequenceCase {
  return {
    id: `target-malformed-${id}`,
    title: `a malformed target (${what}) is never a 5xx and never allowed, with per-path policies`,
    options: withPublicRoute,
    requests: [
      { method: 'GET', path, headers: { Origin: APP } },
      { method: 'GET', path, headers: {} },
    ],
    checkAll: (responses) =>
      responses.flatMap((r, i) => {
        const label = `GET ${path} ${i === 0 ? 'with' : 'without'} Origin`;
        return [
          ...expectNoServerError(r, label),
          ...expectHeaders(r, { 'access-control-allow-origin': null }).map(
            (failure) => `${label}: ${failure}`,
          ),
        ];
      }),
  };
}

export const adapterCases: readonly AdapterCase[] = [
  {
    id: 'app-vary-kept',
    title: "the app's own Vary is kept, and Origin appended once",
    options: policy,
    request: { method: 'GET', path: '/vary', headers: { Origin: APP } },
    check: (r) => [
      ...expectStatus(r, 200),
      ...expectHeaders(r, allowedActual),
      ...(varyTokens(r).filter((t) => t.toLowerCase() === 'accept-encoding').length === 1
        ? []
        : [`Vary should keep Accept-Encoding once, was ${JSON.stringify(varyTokens(r))}`]),
      ...(varyTokens(r).filter((t) => t.toLowerCase() === 'origin').length === 1
        ? []
        : [`Vary should hold Origin once, was ${JSON.stringify(varyTokens(r))}`]),
    ],
  },
  {
    id: 'app-vary-kept-denied',
    title: "a denied origin still gets Vary: Origin next to the app's own",
    options: policy,
    request: { method: 'GET', path: '/vary', headers: { Origin: EVIL } },
    check: (r) => {
      const tokens = varyTokens(r).map((t) => t.toLowerCase());
      return [
        ...expectHeaders(r, {
          'access-control-allow-origin': null,
          'access-control-allow-credentials': null,
        }),
        ...(tokens.includes('accept-encoding') && tokens.includes('origin')
          ? []
          : [`Vary should hold Accept-Encoding and Origin, was ${JSON.stringify(varyTokens(r))}`]),
      ];
    },
  },
  {
    id: 'not-found-keeps-cors',
    title: "the framework's 404 carries the CORS headers, so the page sees the real status",
    options: policy,
    request: { method: 'GET', path: '/missing', headers: { Origin: APP } },
    check: (r) => [...expectStatus(r, 404), ...expectHeaders(r, allowedActual, ['Origin'])],
  },
  {
    id: 'thrown-error-keeps-cors',
    title: 'an error thrown by a handler is answered with the CORS headers',
    options: policy,
    request: { method: 'GET', path: '/throw', headers: { Origin: APP } },
    check: (r) => [...expectStatus(r, 500), ...expectHeaders(r, allowedActual, ['Origin'])],
  },
  {
    id: 'head-on-get-route',
    title: 'HEAD served by a GET route keeps the CORS headers',
    options: policy,
    request: { method: 'HEAD', path: '/get-only', headers: { Origin: APP } },
    check: (r) => [
      ...expectStatus(r, 200),
      ...expectHandler(r, true),
      ...expectHeaders(r, allowedActual, ['Origin']),
    ],
  },
  {
    id: 'preflight-before-routing',
    title: 'a preflight is answered before routing, even where no route exists',
    options: policy,
    request: {
      method: 'OPTIONS',
      path: '/missing',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x-custom',
      },
    },
    check: (r, harness) => [
      ...expectStatus(r, 204),
      ...expectHandler(r, false),
      ...expectHeaders(
        r,
        {
          'access-control-allow-origin': APP,
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'PUT',
          'access-control-allow-headers': 'x-custom',
          'access-control-max-age': '600',
          'access-control-expose-headers': null,
          // Some clients (Safari, proxies) wait for a body after a 204 without it; some runtimes
          // remove it from every 204, as RFC 9110 §8.6 asks.
          'content-length': harness.dropsContentLengthOn204 === true ? null : '0',
        },
        PREFLIGHT_TOKENS,
      ),
    ],
  },
  {
    id: 'denied-preflight-before-routing',
    title: 'a denied preflight is answered with 403 and no Access-Control-Allow-* header',
    options: policy,
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'PUT' },
    },
    check: (r) => [
      ...expectStatus(r, 403),
      ...expectHandler(r, false),
      ...expectHeaders(
        r,
        { 'access-control-allow-origin': null, 'access-control-allow-methods': null },
        PREFLIGHT_TOKENS,
      ),
    ],
  },
  {
    id: 'debug-preflight-method',
    title:
      'debug mode answers a preflight refused for its method with the success status and only the allowed part of what it asked',
    options: { ...policy, debug: true },
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'x-custom,x-secret',
      },
    },
    check: (r, harness) => [
      ...expectStatus(r, 204),
      ...expectHandler(r, false),
      ...expectHeaders(
        r,
        {
          'access-control-allow-origin': APP,
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': null,
          'access-control-allow-headers': 'x-custom',
          'access-control-max-age': null,
          'access-control-expose-headers': null,
          'content-length': harness.dropsContentLengthOn204 === true ? null : '0',
        },
        PREFLIGHT_TOKENS,
      ),
    ],
  },
  {
    id: 'debug-preflight-header',
    title:
      'debug mode answers a preflight refused for a header with the asked method and only the allowed headers, no Max-Age',
    options: { ...policy, debug: true },
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type,x-secret',
      },
    },
    check: (r) => [
      ...expectStatus(r, 204),
      ...expectHandler(r, false),
      ...expectHeaders(
        r,
        {
          'access-control-allow-origin': APP,
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'PUT',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': null,
        },
        PREFLIGHT_TOKENS,
      ),
    ],
  },
  {
    id: 'debug-preflight-disallowed-origin',
    title:
      'debug mode keeps the 403 without Access-Control-Allow-* headers for a disallowed origin',
    options: { ...policy, debug: true },
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: {
        Origin: EVIL,
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'x-custom',
      },
    },
    check: (r) => [
      ...expectStatus(r, 403),
      ...expectHandler(r, false),
      ...expectNoAllowHeaders(r),
      ...expectHeaders(r, { 'access-control-max-age': null }, PREFLIGHT_TOKENS),
    ],
  },
  {
    id: 'preflight-continue',
    title: 'with preflight.continue, the preflight gets its headers and reaches the app',
    options: { ...policy, preflight: { continue: true } },
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'DELETE' },
    },
    check: (r) => [
      ...expectStatus(r, 200),
      ...expectHandler(r, true),
      ...expectHeaders(
        r,
        { 'access-control-allow-origin': APP, 'access-control-allow-methods': 'DELETE' },
        PREFLIGHT_TOKENS,
      ),
    ],
  },
  {
    id: 'preflight-status-200',
    title: 'preflight.successStatus 200 is used, with an empty body',
    options: { ...policy, preflight: { successStatus: 200 } },
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
    },
    check: (r) => [
      ...expectStatus(r, 200),
      ...expectHandler(r, false),
      ...(r.body === ''
        ? []
        : [`the body should be empty, was ${JSON.stringify(r.body.slice(0, 40))}`]),
      ...expectHeaders(r, { 'access-control-allow-origin': APP }),
    ],
  },
  {
    id: 'reject-disallowed',
    title: 'rejectDisallowed answers a disallowed origin with 403 before the handler',
    options: { ...policy, rejectDisallowed: true },
    request: { method: 'GET', path: '/api/items', headers: { Origin: EVIL } },
    check: (r) => [
      ...expectStatus(r, 403),
      ...expectHandler(r, false),
      ...expectHeaders(r, { 'access-control-allow-origin': null }, ['Origin']),
    ],
  },
  {
    id: 'path-route-public',
    title: "a route policy applies under its prefix (a static '*', so no Vary)",
    options: perPath,
    request: { method: 'GET', path: '/api/public/logo', headers: { Origin: EVIL } },
    check: (r) => [
      ...expectHandler(r, true),
      ...expectHeaders(
        r,
        { 'access-control-allow-origin': '*', 'access-control-allow-credentials': null },
        [],
      ),
    ],
  },
  {
    id: 'path-route-top-level',
    title: 'paths no route covers get the top-level policy',
    options: perPath,
    request: { method: 'GET', path: '/api/publicity', headers: { Origin: EVIL } },
    check: (r) => [
      ...expectHandler(r, true),
      ...expectHeaders(r, { 'access-control-allow-origin': null }, ['Origin']),
    ],
  },
  {
    id: 'path-route-disabled',
    title: 'a preflight to a disabled path reaches the app untouched',
    options: perPath,
    request: {
      method: 'OPTIONS',
      path: '/api/internal/jobs',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
    },
    check: (r) => [
      ...expectHandler(r, true),
      ...expectHeaders(
        r,
        { 'access-control-allow-origin': null, 'access-control-allow-methods': null },
        [],
      ),
    ],
  },
  {
    id: 'path-dot-segments',
    title: 'a path with dot segments gets no CORS allowance',
    options: perPath,
    request: {
      method: 'OPTIONS',
      path: '/api/public/../internal/jobs',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'GET' },
    },
    check: (r) => [
      ...expectStatus(r, 403),
      ...expectHandler(r, false),
      ...expectHeaders(r, { 'access-control-allow-origin': null }),
    ],
  },
  {
    id: 'path-encoded-dot',
    title: 'a path with an encoded dot gets no CORS allowance',
    options: perPath,
    request: { method: 'GET', path: '/api/public/%2E%2e/internal/jobs', headers: { Origin: EVIL } },
    check: (r) => expectHeaders(r, { 'access-control-allow-origin': null }, ['Origin']),
  },
  {
    id: 'path-encoded-slash',
    title: 'a path with an encoded slash gets no CORS allowance',
    options: perPath,
    request: {
      method: 'GET',
      path: '/api/public/x%2F..%2F..%2Finternal',
      headers: { Origin: EVIL },
    },
    check: (r) => expectHeaders(r, { 'access-control-allow-origin': null }, ['Origin']),
  },
  {
    id: 'path-absolute-form',
    title: 'an absolute-form request target never escapes a stricter route',
    options: { origins: '*', routes: [{ path: '/api/admin/*', origins: [APP] }] },
    request: { method: 'GET', path: 'http://127.0.0.1/api/admin/users', headers: { Origin: EVIL } },
    check: (r) => expectHeaders(r, { 'access-control-allow-origin': null }),
  },
  {
    id: 'path-encoded-letter',
    title: 'an encoded letter never escapes a stricter route, even where the router decodes it',
    options: {
      ...policy,
      origins: [APP, PARTNER],
      routes: [{ path: '/api/admin/*', origins: [APP] }],
    },
    request: { method: 'GET', path: '/api/%61dmin/users', headers: { Origin: PARTNER } },
    check: (r) =>
      expectHeaders(r, {
        'access-control-allow-origin': null,
        'access-control-allow-credentials': null,
      }),
  },
  {
    id: 'path-query-ignored',
    title: 'only the path before ? selects the route',
    options: perPath,
    request: { method: 'GET', path: '/api/items?next=/api/public/x', headers: { Origin: EVIL } },
    check: (r) => [
      ...expectHandler(r, true),
      ...expectHeaders(r, { 'access-control-allow-origin': null }, ['Origin']),
    ],
  },
  {
    id: 'async-origin-allowed',
    title: 'an asynchronous origin predicate allows a preflight',
    options: { origins: async (origin: string) => origin === APP, methods: ['PUT'] },
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
    },
    check: (r) => [
      ...expectStatus(r, 204),
      ...expectHeaders(
        r,
        { 'access-control-allow-origin': APP, 'access-control-allow-methods': 'PUT' },
        PREFLIGHT_TOKENS,
      ),
    ],
  },
  {
    id: 'async-origin-denied',
    title: 'an asynchronous origin predicate denies an actual request, which still reaches the app',
    options: { origins: async (origin: string) => origin === APP },
    request: { method: 'GET', path: '/api/items', headers: { Origin: EVIL } },
    check: (r) => [
      ...expectHandler(r, true),
      ...expectHeaders(r, { 'access-control-allow-origin': null }, ['Origin']),
    ],
  },
  {
    id: 'async-origin-rejects',
    title: 'an origin predicate that rejects is a denial, never a 500',
    options: { origins: () => Promise.reject(new Error('lookup failed')), onError: () => {} },
    request: { method: 'GET', path: '/api/items', headers: { Origin: APP } },
    check: (r) => [
      ...expectStatus(r, 200),
      ...expectHandler(r, true),
      ...expectHeaders(r, { 'access-control-allow-origin': null }),
    ],
  },
  {
    id: 'header-limit-431',
    title: "a server left at Node's default header limit answers an oversized header with 431",
    options: policy,
    defaultHeaderLimit: true,
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': `x-${'a'.repeat(64 * 1024)}`,
      },
    },
    check: (r) => expectStatus(r, 431),
  },
  {
    id: 'tier-credentials-pattern-not-origin',
    title: 'a credentials pattern never allows an origin the origins list lacks',
    options: credentialsWiderThanOrigins,
    request: {
      method: 'GET',
      path: '/api/x',
      headers: { Origin: 'https://user-content.example.com' },
    },
    check: (r) =>
      expectHeaders(
        r,
        { 'access-control-allow-origin': null, 'access-control-allow-credentials': null },
        ['Origin'],
      ),
  },
  {
    id: 'tier-credentials-pattern-listed',
    title: 'an origin in both the origins and the credentials lists gets credentials',
    options: credentialsWiderThanOrigins,
    request: { method: 'GET', path: '/api/x', headers: { Origin: APP } },
    check: (r) =>
      expectHeaders(
        r,
        { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
        ['Origin'],
      ),
  },
  {
    id: 'tier-credentials-predicate-refuses',
    title: 'a credentials pattern never allows an origin the origins predicate refuses',
    options: credentialsWithPredicate,
    request: {
      method: 'GET',
      path: '/api/x',
      headers: { Origin: 'https://suspended.example.com' },
    },
    check: (r) =>
      expectHeaders(
        r,
        { 'access-control-allow-origin': null, 'access-control-allow-credentials': null },
        ['Origin'],
      ),
  },
  {
    id: 'tier-credentials-predicate-allows',
    title: 'an origin the predicate allows and the credentials list matches gets credentials',
    options: credentialsWithPredicate,
    request: { method: 'GET', path: '/api/x', headers: { Origin: APP } },
    check: (r) =>
      expectHeaders(
        r,
        { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
        ['Origin'],
      ),
  },
  {
    id: 'tier-route-origins-actual',
    title: "an inherited credentials entry outside a route's origins gets nothing on that route",
    options: tieredWithNarrowRoute,
    request: { method: 'GET', path: '/api/admin/report', headers: { Origin: APP } },
    check: (r) =>
      expectHeaders(
        r,
        { 'access-control-allow-origin': null, 'access-control-allow-credentials': null },
        ['Origin'],
      ),
  },
  {
    id: 'tier-route-origins-preflight',
    title: "a preflight from an inherited credentials entry outside a route's origins gets 403",
    options: tieredWithNarrowRoute,
    request: {
      method: 'OPTIONS',
      path: '/api/admin/report',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
    },
    check: (r) => [...expectStatus(r, 403), ...expectNoAllowHeaders(r)],
  },
  {
    id: 'tier-route-origins-own',
    title: "a route's own origin reads anonymously when the inherited tier does not list it",
    options: tieredWithNarrowRoute,
    request: { method: 'GET', path: '/api/admin/report', headers: { Origin: ADMIN } },
    check: (r) =>
      expectHeaders(
        r,
        { 'access-control-allow-origin': ADMIN, 'access-control-allow-credentials': null },
        ['Origin'],
      ),
  },
  {
    id: 'route-flag-off-refused',
    title: "a route turning dangerouslyAllowNullOrigin off while inheriting 'null' is refused",
    options: {
      origins: [APP, 'null'],
      credentials: true,
      dangerouslyAllowNullOrigin: true,
      routes: [{ path: '/account/*', dangerouslyAllowNullOrigin: false }],
    },
    refused: true,
    probe: { method: 'GET', path: '/account/settings', headers: { Origin: 'null' } },
  },
  malformedTargetCase('bracket', '//[{', 'an unclosed IPv6 bracket after //'),
  malformedTargetCase('port', '//x:y{', 'a non-numeric port after //'),
  malformedTargetCase('ipv6', '//[::1{', 'a broken IPv6 host after //'),
  malformedTargetCase('absolute', 'http://[/x', 'an absolute form with a broken host'),
  {
    id: 'error-headers-vary',
    title: "an error's own Vary is merged with Origin, not put in its place",
    options: policy,
    request: { method: 'GET', path: '/throw-with-headers', headers: { Origin: APP } },
    check: (r) => [
      ...expectStatus(r, 404),
      ...expectHeaders(r, allowedActual),
      ...expectVaryOnce(r, ['Accept-Language', 'Origin']),
    ],
  },
  {
    id: 'vary-replaced',
    title: 'a handler that replaces Vary still sends Origin in it',
    options: policy,
    request: { method: 'GET', path: '/vary-replaced', headers: { Origin: APP } },
    check: (r) => [
      ...expectStatus(r, 200),
      ...expectHandler(r, true),
      ...expectHeaders(r, allowedActual),
      ...expectVaryOnce(r, ['Accept-Encoding', 'Origin']),
    ],
  },
  {
    id: 'vary-replaced-denied',
    title: 'a handler that replaces Vary still sends Origin in it to a denied origin',
    options: policy,
    request: { method: 'GET', path: '/vary-replaced', headers: { Origin: EVIL } },
    check: (r) => [
      ...expectHeaders(r, {
        'access-control-allow-origin': null,
        'access-control-allow-credentials': null,
      }),
      ...expectVaryOnce(r, ['Accept-Encoding', 'Origin']),
    ],
  },
  {
    id: 'admin-area-app',
    title: 'the admin area is open to the origin its route lists',
    options: adminArea,
    request: { method: 'GET', path: '/admin/users', headers: { Origin: APP } },
    check: (r) => [
      ...expectStatus(r, 200),
      ...(reachedAdmin(r) ? [] : ['GET /admin/users should reach the admin area']),
      ...expectHeaders(
        r,
        { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
        ['Origin'],
      ),
    ],
  },
  {
    id: 'admin-area-partner',
    title: 'the admin area is closed to an origin only the top level lists',
    options: adminArea,
    request: { method: 'GET', path: '/admin/users', headers: { Origin: PARTNER } },
    check: (r) => [
      ...(reachedAdmin(r) ? [] : ['GET /admin/users should reach the admin area']),
      ...expectHeaders(
        r,
        { 'access-control-allow-origin': null, 'access-control-allow-credentials': null },
        ['Origin'],
      ),
    ],
  },
  ...adminSpellings.map(([id, path]) => adminSpellingCase(id, path)),
  adminSpellingCase('head', '/admin/users', 'HEAD'),
  {
    ...adminSpellingCase('head-get-route', '/admin/users', 'HEAD'),
    title: 'HEAD /admin/users from another origin gets nothing when the route is limited to GET',
    options: adminAreaForGet,
  },
  ...adminSpellings.map(([id, path]) => adminPreflightCase(id, path)),
  {
    id: 'exact-path-fragment',
    title: "a '#' in the target never makes /files/#x match /files/:name",
    options: { origins: [APP], routes: [{ path: '/files/:name', origins: '*' }] },
    request: { method: 'GET', path: '/files/#x', headers: { Origin: EVIL } },
    check: (r) => [
      ...expectNoServerError(r),
      ...expectHeaders(r, { 'access-control-allow-origin': null }),
    ],
  },
  {
    id: 'thrown-non-error-keeps-cors',
    title: 'a handler throwing something that is not an Error is answered with the CORS headers',
    options: policy,
    request: { method: 'GET', path: '/throw-non-error', headers: { Origin: APP } },
    check: (r) => [...expectStatus(r, 500), ...expectHeaders(r, allowedActual, ['Origin'])],
  },
  {
    id: 'methods-any-overlong',
    title: "methods '*' refuses a 12,000-byte method instead of echoing it",
    options: anyMethod,
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'A'.repeat(12_000) },
    },
    check: (r) => [...expectStatus(r, 403), ...expectNoAllowHeaders(r)],
  },
  {
    id: 'methods-any-64',
    title: "methods '*' allows and echoes a 64-byte method",
    options: anyMethod,
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'A'.repeat(64) },
    },
    check: (r) => [
      ...expectStatus(r, 204),
      ...expectHeaders(r, {
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'A'.repeat(64),
      }),
    ],
  },
  {
    id: 'origin-ipv6-any-port',
    title: 'an IPv6 loopback pattern with any port allows that host on a port',
    options: { origins: ['http://[::1]:*'] },
    request: { method: 'GET', path: '/api/items', headers: { Origin: 'http://[::1]:8080' } },
    check: (r) =>
      expectHeaders(r, { 'access-control-allow-origin': 'http://[::1]:8080' }, ['Origin']),
  },
  {
    id: 'origin-ipv6-default-port',
    title: 'an IPv6 loopback pattern with any port allows that host on its default port',
    options: { origins: ['http://[::1]:*'] },
    request: { method: 'GET', path: '/api/items', headers: { Origin: 'http://[::1]' } },
    check: (r) => expectHeaders(r, { 'access-control-allow-origin': 'http://[::1]' }, ['Origin']),
  },
  {
    id: 'predicate-tenant-by-host',
    title:
      "an origin predicate reads Host from the framework's own request: the tenant's app is allowed",
    options: tenantPolicy,
    request: {
      method: 'GET',
      path: '/api/items',
      headers: { Host: 'tenant-a.example.com', Origin: 'https://app.tenant-a.example.com' },
    },
    check: (r) =>
      expectHeaders(
        r,
        {
          'access-control-allow-origin': 'https://app.tenant-a.example.com',
          'access-control-allow-credentials': 'true',
        },
        ['Origin'],
      ),
  },
  {
    id: 'predicate-tenant-by-host-other',
    title: "an origin predicate reads Host: another tenant's app is denied on this host",
    options: tenantPolicy,
    request: {
      method: 'GET',
      path: '/api/items',
      headers: { Host: 'tenant-a.example.com', Origin: 'https://app.tenant-b.example.com' },
    },
    check: (r) => expectHeaders(r, { 'access-control-allow-origin': null }, ['Origin']),
  },
];

/** The header limit a case's server is started with. */
export function headerLimitOf(adapterCase: AdapterCase): number | undefined {
  return adapterCase.defaultHeaderLimit === true ? undefined : LARGE_HEADER_LIMIT;
}
