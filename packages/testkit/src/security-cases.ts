import type { CorsLogRecord, CorsOptions } from '@corsica/cors-core';
import type { AdapterCase, SequenceCase } from './adapter-cases.ts';
import {
  adminPreflightCase,
  adminSpellingCase,
  expectHandler,
  expectHeaders,
  expectNoAllowHeaders,
  expectNoServerError,
  expectStatus,
  one,
} from './adapter-cases.ts';
import type { RawRequest, RawResponse } from './http-client.ts';
import { send } from './http-client.ts';
import { APP, EVIL, PARTNER, PREFLIGHT_TOKENS } from './serve.ts';

/**
 * The security regression suite over HTTP: one case (or a few) per class of vulnerability found in
 * other CORS libraries, each id naming the public advisory or issue it models. Every case asserts
 * exact header values. The classes that are configuration mistakes (a RegExp in `origins`,
 * reflecting any origin, Private Network Access on by default) are refused by `createCors` and
 * tested in the core (`packages/core/src/security.test.ts`).
 */

const listed: CorsOptions<unknown> = {
  origins: [APP],
  credentials: true,
  methods: ['PUT'],
  allowedHeaders: ['Content-Type', 'X-Custom'],
};

const anyHeader: CorsOptions<unknown> = { origins: [APP], methods: ['PUT'], allowedHeaders: '*' };

const anyOrigin: CorsOptions<unknown> = { origins: '*' };

/** Anyone reads anonymously; the app also reads with cookies. */
const tiered: CorsOptions<unknown> = { origins: '*', credentials: [APP] };

const denied = { 'access-control-allow-origin': null, 'access-control-allow-credentials': null };

/**
 * cors#330: a response whose CORS headers depend on Origin must say so in `Vary`, denials and
 * requests without Origin included, or a shared cache hands one origin's answer to another.
 */
const varyCases: readonly AdapterCase[] = [
  {
    id: 'cors-330-vary-denied-actual',
    title: 'cors#330: an actual request from a denied origin gets Vary: Origin and no grant',
    options: listed,
    request: { method: 'GET', path: '/api/items', headers: { Origin: EVIL } },
    check: (r) => [
      ...expectStatus(r, 200),
      ...expectHandler(r, true),
      ...expectHeaders(r, denied, ['Origin']),
    ],
  },
  {
    id: 'cors-330-vary-denied-preflight',
    title: 'cors#330: a denied preflight gets 403 and the whole preflight Vary',
    options: listed,
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'PUT' },
    },
    check: (r) => [...expectStatus(r, 403), ...expectNoAllowHeaders(r), ...exactVary(r)],
  },
  {
    id: 'cors-330-vary-no-origin',
    title: 'cors#330: a request without Origin gets Vary: Origin under an origin list',
    options: listed,
    request: { method: 'GET', path: '/api/items', headers: {} },
    check: (r) => [
      ...expectStatus(r, 200),
      ...expectHandler(r, true),
      ...expectHeaders(r, denied, ['Origin']),
    ],
  },
  {
    id: 'cors-330-vary-no-origin-tiered',
    title:
      "cors#330: under '*' with a credentials list, a request without Origin gets Vary: Origin",
    options: tiered,
    request: { method: 'GET', path: '/api/items', headers: {} },
    check: (r) => expectHeaders(r, denied, ['Origin']),
  },
  {
    id: 'cors-330-vary-no-origin-preflight-shaped',
    title:
      "cors#330: under '*', OPTIONS with Access-Control-Request-Method but no Origin varies on Origin",
    options: anyOrigin,
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { 'Access-Control-Request-Method': 'PUT' },
    },
    check: (r) => [
      ...expectHandler(r, true),
      ...expectHeaders(r, { 'access-control-allow-origin': '*' }, ['Origin']),
    ],
  },
];

/**
 * hono GHSA-q7jf-gf43-6x6p: the middleware copied the request's `Vary` into the response. Nothing
 * a request carries ever becomes a response header, neither `Vary` nor a forged
 * `Access-Control-Allow-*`.
 */
const forgedHeaders = {
  Vary: 'Cookie, *',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Allow-Headers': 'Authorization',
};

const requestHeadersNotCopied: readonly AdapterCase[] = [
  {
    id: 'hono-ghsa-q7jf-gf43-6x6p-actual',
    title: "hono GHSA-q7jf-gf43-6x6p: the request's Vary is never copied to an allowed response",
    options: listed,
    request: { method: 'GET', path: '/api/items', headers: { Origin: APP, ...forgedHeaders } },
    check: (r) =>
      expectHeaders(
        r,
        {
          'access-control-allow-origin': APP,
          'access-control-allow-credentials': 'true',
          'access-control-allow-headers': null,
        },
        ['Origin'],
      ),
  },
  {
    id: 'hono-ghsa-q7jf-gf43-6x6p-denied',
    title:
      "hono GHSA-q7jf-gf43-6x6p: a denied origin's forged Vary and grant headers are not echoed",
    options: listed,
    request: { method: 'GET', path: '/api/items', headers: { Origin: EVIL, ...forgedHeaders } },
    check: (r) => [...expectNoAllowHeaders(r), ...expectHeaders(r, {}, ['Origin'])],
  },
  {
    id: 'hono-ghsa-q7jf-gf43-6x6p-preflight',
    title:
      "hono GHSA-q7jf-gf43-6x6p: a preflight's Vary is the preflight's own, never the request's",
    options: listed,
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT', ...forgedHeaders },
    },
    check: (r) => [
      ...expectStatus(r, 204),
      ...expectHeaders(r, {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
        'access-control-allow-headers': null,
      }),
      ...exactVary(r),
    ],
  },
  {
    id: 'hono-ghsa-q7jf-gf43-6x6p-no-origin',
    title: "hono GHSA-q7jf-gf43-6x6p: a request without Origin never gets the request's Vary back",
    options: listed,
    request: { method: 'GET', path: '/api/items', headers: forgedHeaders },
    check: (r) => expectHeaders(r, denied, ['Origin']),
  },
];

/** Each preflight line is one Access-Control-Request-Headers field line. */
function bombPreflight(
  id: string,
  what: string,
  lines: string | string[],
  options = listed,
): SequenceCase {
  return {
    id: `acrh-bomb-${id}`,
    title: `hono GHSA-8j4g-w8fx-2239, rs/cors GHSA-vh9x-phq6-fx54: ${what} is refused (403) without being read, and the server goes on serving`,
    options,
    requests: [
      {
        method: 'OPTIONS',
        path: '/api/items',
        headers: {
          Origin: APP,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': lines,
        },
      },
      {
        method: 'OPTIONS',
        path: '/api/items',
        headers: {
          Origin: APP,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'x-custom',
        },
      },
    ],
    checkAll: ([bomb, next]) => {
      if (bomb === undefined || next === undefined) return ['a response is missing'];
      return [
        ...expectStatus(bomb, 403),
        ...expectNoAllowHeaders(bomb),
        ...exactVary(bomb),
        ...expectStatus(next, 204).map((f) => `the next preflight: ${f}`),
        ...expectHeaders(next, {
          'access-control-allow-origin': APP,
          'access-control-allow-headers': 'x-custom',
        }).map((f) => `the next preflight: ${f}`),
      ];
    },
  };
}

/**
 * hono GHSA-8j4g-w8fx-2239 and rs/cors GHSA-vh9x-phq6-fx54: a long Access-Control-Request-Headers
 * of commas or repeated names cost those libraries a regular expression or an allocation per
 * element. Each bomb here stays under 48 KB, within every runtime's header limit, so it reaches
 * the CORS layer everywhere; the core bounds the bytes it reads (`request-headers.test.ts`).
 */
const acrhBombs: readonly AdapterCase[] = [
  bombPreflight('commas', 'a value of 48,000 commas', ','.repeat(48_000)),
  bombPreflight(
    'repeated-name',
    'an allowed name repeated 4,000 times',
    Array(4_000).fill('x-custom').join(','),
  ),
  bombPreflight(
    'field-lines',
    '50 field lines of 800 commas (the rs/cors advisory shape)',
    Array(50).fill(','.repeat(800)),
  ),
  bombPreflight('ows', 'a value of 40,000 spaces and tabs between commas', ' \t,'.repeat(13_000)),
  bombPreflight(
    'wildcard-names',
    "4,000 distinct names under allowedHeaders '*'",
    Array.from({ length: 4_000 }, (_, i) => `x-h${i}`).join(','),
    anyHeader,
  ),
];

/**
 * `Origin: null` is what sandboxed iframes, `file:` and `data:` pages and cross-origin redirects
 * send: a policy that grants it grants every such document. Corsica never answers
 * `Access-Control-Allow-Origin: null` unless `dangerouslyAllowNullOrigin` lists it.
 */
const nullOrigin: readonly AdapterCase[] = [
  {
    id: 'null-origin-actual',
    title: "Origin: null gets no grant from an origin list, and never 'null' back",
    options: listed,
    request: { method: 'GET', path: '/api/items', headers: { Origin: 'null' } },
    check: (r) => [...expectHandler(r, true), ...expectHeaders(r, denied, ['Origin'])],
  },
  {
    id: 'null-origin-preflight',
    title: 'a preflight from Origin: null is refused with 403',
    options: listed,
    request: {
      method: 'OPTIONS',
      path: '/api/items',
      headers: { Origin: 'null', 'Access-Control-Request-Method': 'PUT' },
    },
    check: (r) => [...expectStatus(r, 403), ...expectNoAllowHeaders(r), ...exactVary(r)],
  },
  {
    id: 'null-origin-tiered',
    title:
      "under '*' with a credentials list, Origin: null reads anonymously (*), never with cookies",
    options: tiered,
    request: { method: 'GET', path: '/api/items', headers: { Origin: 'null' } },
    check: (r) =>
      expectHeaders(
        r,
        { 'access-control-allow-origin': '*', 'access-control-allow-credentials': null },
        ['Origin'],
      ),
  },
];

/** Dot segments, empty segments and backslashes: the normalizations behind the same class. */
const CLASS = 'CVE-2024-6839, -6844, -6866 (path bypass class)';

/**
 * flask-cors CVE-2024-6866 (paths matched case-insensitively), CVE-2024-6844 (`+` read as a space)
 * and CVE-2024-6839 (a less specific pattern chosen first): the CORS policy and the router must
 * never disagree on which path a request reaches. The test app's admin area (`/admin` and below) is
 * for APP only; PARTNER gets every other path. Whatever spelling the framework's router takes to
 * the admin area, PARTNER gets nothing there, and no preflight that would let it send the request.
 */
const pathSpellings: readonly (readonly [id: string, advisory: string, path: string])[] = [
  ['cve-2024-6866-mixed-case', 'CVE-2024-6866', '/aDmIn/users'],
  ['cve-2024-6866-encoded-uppercase', 'CVE-2024-6866', '/%41dmin/users'],
  ['cve-2024-6844-plus', 'CVE-2024-6844', '/admin+/users'],
  ['cve-2024-6844-encoded-plus', 'CVE-2024-6844', '/admin%2B/users'],
  ['cve-2024-6844-plus-segment', 'CVE-2024-6844', '/admin/+/users'],
  ['cve-2024-6844-encoded-letter', 'CVE-2024-6844', '/%61dmin/users'],
  ['cve-2024-6844-double-encoded', 'CVE-2024-6844', '/%2561dmin/users'],
  ['cve-2024-6844-encoded-slash', 'CVE-2024-6844', '/admin%2Fusers'],
  ['path-dot-segment', CLASS, '/api/../admin/users'],
  ['path-encoded-dot-segment', CLASS, '/api/%2e%2e/admin/users'],
  ['path-dot', CLASS, '/./admin/users'],
  ['path-empty-segment', CLASS, '//admin/users'],
  ['path-backslash', CLASS, '/admin\\users'],
];

const perPathBypass: readonly AdapterCase[] = [
  ...pathSpellings.flatMap(([id, advisory, path]): AdapterCase[] => {
    const actual = adminSpellingCase(id, path);
    const preflight = adminPreflightCase(id, path);
    return [
      {
        ...actual,
        id: `flask-cors-${id}-actual`,
        title: `flask-cors ${advisory}: ${actual.title}`,
      },
      {
        ...preflight,
        id: `flask-cors-${id}-preflight`,
        title: `flask-cors ${advisory}: ${preflight.title}`,
      },
    ];
  }),
  {
    id: 'flask-cors-cve-2024-6839-specific-route-wins',
    title:
      'flask-cors CVE-2024-6839: a wider route declared first never overrides a narrower one for its paths',
    options: {
      origins: [APP, PARTNER],
      routes: [
        { path: '/api/*', origins: '*' },
        { path: '/api/admin/*', origins: [APP] },
      ],
    },
    requests: [
      { method: 'GET', path: '/api/admin/users', headers: { Origin: PARTNER } },
      { method: 'GET', path: '/api/admin/users', headers: { Origin: APP } },
      { method: 'GET', path: '/api/items', headers: { Origin: PARTNER } },
    ],
    checkAll: ([partner, app, open]) => {
      if (partner === undefined || app === undefined || open === undefined)
        return ['a response is missing'];
      return [
        ...expectHeaders(partner, denied, ['Origin']).map((f) => `PARTNER on /api/admin: ${f}`),
        ...expectHeaders(app, { 'access-control-allow-origin': APP }, ['Origin']).map(
          (f) => `APP on /api/admin: ${f}`,
        ),
        ...expectHeaders(open, { 'access-control-allow-origin': '*' }, []).map(
          (f) => `PARTNER on /api/items: ${f}`,
        ),
      ];
    },
  },
];

/**
 * flask-cors CVE-2024-1681: a hostile Origin reached the log unescaped, so a client could forge
 * log lines. Node's parser refuses CR and LF, but passes HTAB and every byte from 0x80 to 0xFF
 * (read as Latin-1: 0x85 is NEL, a line break to some log viewers).
 */
const HOSTILE_ORIGIN = 'https://evil.example.net\u0085FORGED\u00ff\t[ok]';
/** What the log record holds of it: every control escaped, nothing else changed. */
const HOSTILE_ORIGIN_LOGGED = 'https://evil.example.net\\u0085FORGED\u00ff\\t[ok]';

/** The records of the log-injection policy's decisions, in this process (see the case). */
const hostileLog: CorsLogRecord[] = [];
const logged: CorsOptions<unknown> = {
  origins: [APP],
  methods: ['PUT'],
  log: (record) => void hostileLog.push(record),
};

const hostileActual: RawRequest = {
  method: 'GET',
  path: '/api/items',
  headers: { Origin: HOSTILE_ORIGIN },
};
const hostilePreflight: RawRequest = {
  method: 'OPTIONS',
  path: '/api/items',
  headers: { Origin: HOSTILE_ORIGIN, 'Access-Control-Request-Method': 'PUT\u0085' },
};

const logInjection: readonly AdapterCase[] = [
  {
    id: 'flask-cors-cve-2024-1681-hostile-origin',
    title:
      'flask-cors CVE-2024-1681: an Origin with NEL, 0xFF and HTAB is denied without a 5xx, never echoed',
    options: listed,
    requests: [hostileActual, hostilePreflight],
    checkAll: ([actual, preflight]) => {
      if (actual === undefined || preflight === undefined) return ['a response is missing'];
      return [
        ...expectNoServerError(actual),
        ...expectHandler(actual, true),
        ...expectHeaders(actual, denied, ['Origin']),
        ...expectStatus(preflight, 403),
        ...expectNoAllowHeaders(preflight),
      ];
    },
  },
  {
    id: 'flask-cors-cve-2024-1681-log-record',
    title:
      'flask-cors CVE-2024-1681: the log record of a hostile Origin escapes NEL and HTAB, and labels it other',
    options: logged,
    exchange: async (url) => {
      const before = hostileLog.length;
      const failures: string[] = [];
      for (const request of [hostileActual, hostilePreflight]) {
        const response = await send(url, request);
        failures.push(...expectNoServerError(response));
      }
      const records = hostileLog.slice(before);
      if (records.length !== 2) {
        return [
          ...failures,
          `the policy's log should have received 2 records in this process, got ${records.length}`,
        ];
      }
      const seen = records.map((record) => [
        record.kind,
        record.reason,
        record.origin,
        record.labels.origin,
      ]);
      const expected = [
        ['actual', 'origin-malformed', HOSTILE_ORIGIN_LOGGED, 'other'],
        ['preflight', 'origin-malformed', HOSTILE_ORIGIN_LOGGED, 'other'],
      ];
      if (JSON.stringify(seen) !== JSON.stringify(expected))
        failures.push(
          `the log records should be ${JSON.stringify(expected)}, were ${JSON.stringify(seen)}`,
        );
      const preflightMethod = records[1]?.requestedMethod;
      if (preflightMethod !== 'PUT\\u0085')
        failures.push(
          `the preflight's requested method should be logged as "PUT\\\\u0085", was ${JSON.stringify(preflightMethod)}`,
        );
      return failures;
    },
  },
];

/** The preflight's Vary, as one field line or several, exactly. */
function exactVary(response: RawResponse): string[] {
  const vary = one(response, 'vary');
  return vary === PREFLIGHT_TOKENS.join(', ')
    ? []
    : [
        `Vary should be exactly ${JSON.stringify(PREFLIGHT_TOKENS.join(', '))}, was ${JSON.stringify(vary)}`,
      ];
}

/** The adapter-level security regression suite, in the order it runs. */
export const securityCases: readonly AdapterCase[] = [
  ...varyCases,
  ...requestHeadersNotCopied,
  ...acrhBombs,
  ...nullOrigin,
  ...perPathBypass,
  ...logInjection,
];
