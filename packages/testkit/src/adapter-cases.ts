import type { AsyncCorsOptions, CorsOptions } from '@corsica/cors-core';
import { HANDLER_MARKER, HANDLER_RAN, LARGE_HEADER_LIMIT } from './harness.ts';
import type { RawRequest, RawResponse } from './http-client.ts';

/**
 * Cases the vectors cannot express, because they concern the framework around the CORS layer:
 * the app's own Vary, error responses, HEAD, pass-through, per-path policies on real routers,
 * asynchronous predicates, and Node's header limit.
 */

export interface AdapterCase {
  readonly id: string;
  readonly title: string;
  readonly options: CorsOptions | AsyncCorsOptions;
  /** Node's default header limit instead of the kit's 256 KiB. */
  readonly defaultHeaderLimit?: true;
  readonly request: RawRequest;
  /** What does not hold of the response; empty when the case passes. */
  check(response: RawResponse): string[];
}

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';
const PARTNER = 'https://partner.example.org';
const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

const policy: CorsOptions = {
  origins: [APP],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  allowedHeaders: ['Content-Type', 'X-Custom'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};

const perPath: CorsOptions = {
  ...policy,
  routes: [
    { path: '/api/public/*', origins: '*', credentials: false },
    { path: '/api/internal/*', disabled: true },
  ],
};

/** One header as one value (field lines joined), or undefined. */
function one(response: RawResponse, name: string): string | undefined {
  const lines = response.headers[name];
  return lines === undefined ? undefined : lines.join(', ');
}

/** Every Vary token, in order, across field lines. */
function varyTokens(response: RawResponse): string[] {
  return (response.headers['vary'] ?? [])
    .flatMap((line) => line.split(','))
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

type Expectation = string | null;

/** Compares the named headers with exact values (`null`: absent), and Vary as an exact token list. */
function expectHeaders(
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

function expectStatus(response: RawResponse, status: number): string[] {
  return response.status === status ? [] : [`status should be ${status}, was ${response.status}`];
}

function expectHandler(response: RawResponse, ran: boolean): string[] {
  const marker = one(response, HANDLER_MARKER) === HANDLER_RAN;
  if (marker === ran) return [];
  return [
    ran
      ? 'the application handler should have run'
      : 'the CORS layer should answer before any handler',
  ];
}

const allowedActual = {
  'access-control-allow-origin': APP,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'X-Request-Id',
};

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
    check: (r) => [
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
          // Some clients (Safari, proxies) wait for a body after a 204 without it.
          'content-length': '0',
        },
        PREFLIGHT_VARY.split(', '),
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
        PREFLIGHT_VARY.split(', '),
      ),
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
        PREFLIGHT_VARY.split(', '),
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
        PREFLIGHT_VARY.split(', '),
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
];

/** The header limit a case's server is started with. */
export function headerLimitOf(adapterCase: AdapterCase): number | undefined {
  return adapterCase.defaultHeaderLimit === true ? undefined : LARGE_HEADER_LIMIT;
}
