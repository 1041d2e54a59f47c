import { connect } from 'node:net';
import type { AsyncCorsOptions, CorsLogRecord, CorsOptions } from '@corsica/cors-core';
import type { AdapterCase } from './adapter-cases.ts';
import {
  expectHandler,
  expectHeaders,
  expectNoAllowHeaders,
  expectStatus,
} from './adapter-cases.ts';
import type { RawRequest, RawResponse } from './http-client.ts';
import { send } from './http-client.ts';
import { APP, EVIL, PREFLIGHT_TOKENS } from './serve.ts';

/**
 * Faults over HTTP: origin predicates that throw, reject, never settle or answer something other
 * than a boolean; clients that leave in the middle of a request; handlers that throw after the
 * CORS layer ran. A fault in a predicate is a denial (never a 5xx, never a hung request); a
 * client that leaves costs the server nothing; an error after the CORS layer keeps the headers the
 * decision gave. No case measures time: a predicate that hangs meets a small `timeout`, and the
 * case checks the denial it becomes.
 */

/** An origin whose check never settles, in the policies below. */
const SLOW = 'https://slow.example.com';
/** Small, so that each hanging check ends quickly; never compared with a clock. */
const TIMEOUT_MS = 50;

const denied = { 'access-control-allow-origin': null, 'access-control-allow-credentials': null };
const granted = { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' };

function actual(origin: string, path = '/api/items'): RawRequest {
  return { method: 'GET', path, headers: { Origin: origin } };
}

function preflight(origin: string, path = '/api/items'): RawRequest {
  return {
    method: 'OPTIONS',
    path,
    headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' },
  };
}

/** An actual request whose predicate failed: the handler runs, without any grant. */
function deniedActual(r: RawResponse): string[] {
  return [
    ...expectStatus(r, 200),
    ...expectHandler(r, true),
    ...expectHeaders(r, denied, ['Origin']),
  ];
}

/** A preflight whose predicate failed: 403, no Access-Control-Allow-*, the preflight's Vary. */
function deniedPreflight(r: RawResponse): string[] {
  return [
    ...expectStatus(r, 403),
    ...expectHandler(r, false),
    ...expectNoAllowHeaders(r),
    ...expectHeaders(r, {}, PREFLIGHT_TOKENS),
  ];
}

/** The same faulty predicate, met by an actual request and by a preflight. */
function predicateFault(
  id: string,
  what: string,
  options: CorsOptions<unknown> | AsyncCorsOptions<unknown>,
): AdapterCase[] {
  return [
    {
      id: `fault-predicate-${id}-actual`,
      title: `an origin predicate that ${what} denies an actual request, which still reaches the app`,
      options,
      request: actual(APP),
      check: deniedActual,
    },
    {
      id: `fault-predicate-${id}-preflight`,
      title: `an origin predicate that ${what} denies a preflight with 403`,
      options,
      request: preflight(APP),
      check: deniedPreflight,
    },
  ];
}

const quiet = { onError: () => {}, methods: ['PUT'] } as const;

const throws: CorsOptions<unknown> = {
  ...quiet,
  origins: () => {
    throw new Error('the tenant directory is down');
  },
};
const rejects: AsyncCorsOptions<unknown> = {
  ...quiet,
  origins: () => Promise.reject(new Error('the tenant directory is down')),
};
const hangs: AsyncCorsOptions<unknown> = {
  ...quiet,
  origins: () => new Promise<boolean>(() => {}),
  timeout: TIMEOUT_MS,
};
/** `@koa/cors` and `hono/cors` habits: return the origin to send, or a truthy value. */
const returnsString: CorsOptions<unknown> = {
  ...quiet,
  origins: ((origin: string) => origin) as unknown as (origin: string) => boolean,
};
const resolvesNumber: AsyncCorsOptions<unknown> = {
  ...quiet,
  origins: (() => Promise.resolve(1)) as unknown as () => Promise<boolean>,
};

/**
 * APP is allowed at once (a settled promise); SLOW's check never settles and meets the timeout. Several requests share
 * this policy's server: those from SLOW end in the order they came, one timeout after another.
 */
const slowCheck: AsyncCorsOptions<unknown> = {
  origins: (origin: string) =>
    origin === APP ? Promise.resolve(true) : new Promise<boolean>(() => {}),
  credentials: true,
  methods: ['PUT'],
  timeout: TIMEOUT_MS,
  onError: () => {},
};

/**
 * Opens a connection, writes `bytes` (a request head, perhaps part of a body) and closes it once
 * they are written: the client is gone before the server answers.
 */
function abandon(url: string, bytes: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(bytes, 'latin1', () => {
        socket.destroy();
        resolve();
      });
    });
    socket.on('error', reject);
  });
}

function head(method: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `${method} /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines.join('')}\r\n`;
}

const clientAborts: AdapterCase = {
  id: 'fault-client-aborts',
  title:
    'clients that leave while the origin check is pending, or in the middle of a body, cost the server nothing: the next requests are answered',
  options: slowCheck,
  exchange: async (url) => {
    await abandon(url, head('GET', { Origin: SLOW }));
    await abandon(url, head('OPTIONS', { Origin: SLOW, 'Access-Control-Request-Method': 'PUT' }));
    await abandon(
      url,
      `${head('POST', { Origin: APP, 'Content-Type': 'text/plain', 'Content-Length': '1000' })}only part of the body`,
    );
    // Waited for in full, this one's check times out after those of the requests abandoned above.
    const slow = await send(url, actual(SLOW));
    const allowedPreflight = await send(url, preflight(APP));
    const allowed = await send(url, actual(APP));
    return [
      ...deniedActual(slow).map((f) => `GET from the slow origin: ${f}`),
      ...expectStatus(allowedPreflight, 204).map((f) => `the next preflight: ${f}`),
      ...expectHeaders(
        allowedPreflight,
        { ...granted, 'access-control-allow-methods': 'PUT' },
        PREFLIGHT_TOKENS,
      ).map((f) => `the next preflight: ${f}`),
      ...expectStatus(allowed, 200).map((f) => `the next GET: ${f}`),
      ...expectHeaders(allowed, granted, ['Origin']).map((f) => `the next GET: ${f}`),
    ];
  },
};

const asyncAllowed: AsyncCorsOptions<unknown> = {
  origins: async (origin: string) => origin === APP,
  credentials: true,
};

const listed: CorsOptions<unknown> = { origins: [APP], credentials: true };

/**
 * The framework's own error handling answers (500): that status is the app's, and the response
 * keeps what the decision gave. The kit's adapter cases check a synchronous grant
 * (`thrown-error-keeps-cors`); these check a denial, a grant that waited for a predicate, and a
 * preflight handed on to the app (`preflight.continue`).
 */
const handlerThrows: readonly AdapterCase[] = [
  {
    id: 'fault-handler-throws-denied',
    title: 'a handler that throws answers a denied origin with Vary: Origin and no grant',
    options: listed,
    request: actual(EVIL, '/throw'),
    check: (r) => [...expectStatus(r, 500), ...expectHeaders(r, denied, ['Origin'])],
  },
  {
    id: 'fault-handler-throws-async-grant',
    title:
      'a handler that throws after an asynchronous predicate allowed the origin keeps its grant',
    options: asyncAllowed,
    request: actual(APP, '/throw'),
    check: (r) => [...expectStatus(r, 500), ...expectHeaders(r, granted, ['Origin'])],
  },
  {
    id: 'fault-handler-throws-non-error-async-grant',
    title: "a handler that throws 'boom' after an asynchronous predicate keeps the grant",
    options: asyncAllowed,
    request: actual(APP, '/throw-non-error'),
    check: (r) => [...expectStatus(r, 500), ...expectHeaders(r, granted, ['Origin'])],
  },
  {
    id: 'fault-handler-throws-preflight-continue',
    title:
      'with preflight.continue, a handler that throws on the preflight keeps the preflight headers',
    options: { ...listed, methods: ['PUT'], preflight: { continue: true } },
    request: preflight(APP, '/throw'),
    check: (r) => [
      ...expectStatus(r, 500),
      ...expectHeaders(r, { ...granted, 'access-control-allow-methods': 'PUT' }, PREFLIGHT_TOKENS),
    ],
  },
];

/** Each fault on its own origin, for one policy whose log the reasons case reads. */
const FAULTS = {
  'https://throws.example.com': 'origin-check-failed',
  'https://rejects.example.com': 'origin-check-failed',
  'https://hangs.example.com': 'origin-check-timeout',
  'https://string.example.com': 'origin-check-failed',
  'https://number.example.com': 'origin-check-failed',
} as const;

/** The records of the reasons case's policy, in this process. */
const faultLog: CorsLogRecord[] = [];

const everyFault: AsyncCorsOptions<unknown> = {
  origins: ((origin: string): unknown => {
    switch (origin) {
      case 'https://throws.example.com':
        throw new Error('the tenant directory is down');
      case 'https://rejects.example.com':
        return Promise.reject(new Error('the tenant directory is down'));
      case 'https://hangs.example.com':
        return new Promise(() => {});
      case 'https://string.example.com':
        return origin;
      case 'https://number.example.com':
        return Promise.resolve(1);
      default:
        return Promise.resolve(origin === APP);
    }
  }) as (origin: string) => Promise<boolean>,
  timeout: TIMEOUT_MS,
  onError: () => {},
  log: (record) => void faultLog.push(record),
};

const faultReasons: AdapterCase = {
  id: 'fault-predicate-reasons',
  title:
    'each predicate fault is a denial with its own reason: origin-check-timeout for one that never settles, origin-check-failed for the rest',
  options: everyFault,
  exchange: async (url) => {
    const before = faultLog.length;
    const failures: string[] = [];
    for (const origin of [...Object.keys(FAULTS), APP]) {
      const response = await send(url, actual(origin));
      const expected = origin === APP ? { 'access-control-allow-origin': APP } : denied;
      failures.push(...expectHeaders(response, expected, ['Origin']).map((f) => `${origin}: ${f}`));
    }
    const reasons = faultLog.slice(before).map((record) => [record.origin, record.reason]);
    const expected = [...Object.entries(FAULTS), [APP, null]];
    if (JSON.stringify(reasons) !== JSON.stringify(expected)) {
      failures.push(
        `the log records (in this process) should give ${JSON.stringify(expected)}, gave ${JSON.stringify(reasons)}`,
      );
    }
    return failures;
  },
};

export const faultCases: readonly AdapterCase[] = [
  ...predicateFault('throws', 'throws', throws),
  ...predicateFault('rejects', 'rejects', rejects),
  ...predicateFault('hangs', 'never settles (timeout)', hangs),
  ...predicateFault('returns-string', 'returns the origin string', returnsString),
  ...predicateFault('resolves-number', 'resolves to 1', resolvesNumber),
  {
    id: 'fault-predicate-hangs-reject-disallowed',
    title: 'with rejectDisallowed, a predicate that never settles is a 403 before the handler',
    options: { ...hangs, rejectDisallowed: true },
    request: actual(APP),
    check: (r) => [
      ...expectStatus(r, 403),
      ...expectHandler(r, false),
      ...expectHeaders(r, denied, ['Origin']),
    ],
  },
  faultReasons,
  clientAborts,
  ...handlerThrows,
];
