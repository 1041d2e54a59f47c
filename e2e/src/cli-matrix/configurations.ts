import type { CorsErrorName } from '@corsica/cors-cli';
import type { CorsConfigProblemCode } from '@corsica/cors-core';
import type { FastifyCorsOptions } from '@fastify/cors';
import type { CorsOptions as ExpressCorsOptions } from 'cors';
import type { PageFetch } from '../browser.ts';
import type { PageOrigins } from '../page-origins.ts';
import type { Policy } from '../policies.ts';

/**
 * The fixed matrix of issue 11: one working configuration and the five broken ones people meet
 * most, each written for Corsica, for `cors` (express) and for `@fastify/cors`, with the fetch()
 * that shows it. Chromium and `corsica check` run the same fetch; their failing checks must be
 * the same code.
 */

/** The page's fetch(), and the same request as `corsica check` arguments. */
export interface MatrixRequest {
  readonly method: string;
  /** Sent besides the body's Content-Type. */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body (`Content-Type: application/json`), as the harness's page sends it. */
  readonly json: boolean;
  readonly credentials: boolean;
}

/** What both Chromium and the CLI report: a CORS error (null: the page reads the response). */
export interface BrowserExpectation {
  readonly code: CorsErrorName | null;
  readonly parameter: string;
}

/** A configuration Corsica refuses when it is built: the cell checks its CorsConfigError code. */
export interface RefusedExpectation {
  readonly refused: CorsConfigProblemCode;
}

export interface Configuration {
  readonly id: string;
  readonly title: string;
  readonly request: MatrixRequest;
  readonly corsica: (origins: PageOrigins) => Policy;
  readonly cors: (origins: PageOrigins) => ExpressCorsOptions;
  readonly fastifyCors: (origins: PageOrigins) => FastifyCorsOptions;
  readonly expected: {
    readonly corsica: BrowserExpectation | RefusedExpectation;
    readonly peers: BrowserExpectation;
  };
}

/** The JSON body the harness's page sends for `body: 'json'` (browser.ts). */
export const JSON_BODY = JSON.stringify({ field: 'value' });

const readable: BrowserExpectation = { code: null, parameter: '' };

export const configurations: readonly Configuration[] = [
  {
    id: 'working',
    title: 'a working configuration: a credentialed PUT with JSON and a custom header',
    request: { method: 'PUT', headers: { 'X-Trace': '1' }, json: true, credentials: true },
    corsica: ({ app }) => ({
      origins: [app],
      credentials: true,
      methods: ['PUT'],
      allowedHeaders: ['Content-Type', 'X-Trace'],
    }),
    cors: ({ app }) => ({
      origin: [app],
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT'],
      allowedHeaders: ['Content-Type', 'X-Trace'],
    }),
    fastifyCors: ({ app }) => ({
      origin: [app],
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT'],
      allowedHeaders: ['Content-Type', 'X-Trace'],
    }),
    expected: { corsica: readable, peers: readable },
  },
  {
    id: 'no-allowed-origin',
    title: "no allowed origin: the page's origin is not in the list",
    request: { method: 'GET', headers: {}, json: false, credentials: false },
    corsica: ({ stranger }) => ({ origins: [stranger] }),
    cors: ({ stranger }) => ({ origin: [stranger] }),
    fastifyCors: ({ stranger }) => ({ origin: [stranger] }),
    expected: {
      corsica: { code: 'MissingAllowOriginHeader', parameter: '' },
      peers: { code: 'MissingAllowOriginHeader', parameter: '' },
    },
  },
  {
    id: 'wildcard-with-credentials',
    title: "a wildcard origin with credentials: a credentialed GET meets '*'",
    request: { method: 'GET', headers: {}, json: false, credentials: true },
    // `Policy` has no type for it: the point is that createCors refuses it when it is built.
    corsica: () => ({ origins: '*', credentials: true }) as unknown as Policy,
    cors: () => ({ origin: '*', credentials: true }),
    fastifyCors: () => ({ origin: '*', credentials: true }),
    expected: {
      corsica: { refused: 'origin-wildcard-with-credentials' },
      peers: { code: 'WildcardOriginNotAllowed', parameter: '' },
    },
  },
  {
    id: 'missing-allow-credentials',
    title: 'no Access-Control-Allow-Credentials: a credentialed GET from an allowed origin',
    request: { method: 'GET', headers: {}, json: false, credentials: true },
    corsica: ({ app }) => ({ origins: [app] }),
    cors: ({ app }) => ({ origin: [app] }),
    fastifyCors: ({ app }) => ({ origin: [app] }),
    expected: {
      corsica: { code: 'InvalidAllowCredentials', parameter: '' },
      peers: { code: 'InvalidAllowCredentials', parameter: '' },
    },
  },
  {
    id: 'missing-method',
    title: 'a missing method: PUT is not allowed',
    request: { method: 'PUT', headers: {}, json: false, credentials: false },
    corsica: ({ app }) => ({ origins: [app] }),
    cors: ({ app }) => ({ origin: [app], methods: ['GET', 'HEAD', 'POST'] }),
    fastifyCors: ({ app }) => ({ origin: [app], methods: ['GET', 'HEAD', 'POST'] }),
    expected: {
      // Corsica refuses the preflight with 403 and no Access-Control-Allow-Origin, which
      // Chromium checks before the status (see chromium-baseline.ts); debug mode names the method.
      corsica: { code: 'PreflightMissingAllowOriginHeader', parameter: '' },
      peers: { code: 'MethodDisallowedByPreflightResponse', parameter: 'PUT' },
    },
  },
  {
    id: 'missing-header',
    title: 'a missing header: X-Trace is not allowed on a JSON POST',
    request: { method: 'POST', headers: { 'X-Trace': '1' }, json: true, credentials: false },
    corsica: ({ app }) => ({ origins: [app], allowedHeaders: ['Content-Type'] }),
    cors: ({ app }) => ({ origin: [app], allowedHeaders: ['Content-Type'] }),
    fastifyCors: ({ app }) => ({ origin: [app], allowedHeaders: ['Content-Type'] }),
    expected: {
      corsica: { code: 'PreflightMissingAllowOriginHeader', parameter: '' },
      peers: { code: 'HeaderDisallowedByPreflightResponse', parameter: 'x-trace' },
    },
  },
];

/** The harness's fetch() for a matrix request. */
export function pageFetch(url: string, request: MatrixRequest): PageFetch {
  return {
    url,
    method: request.method,
    headers: request.headers,
    body: request.json ? 'json' : undefined,
    credentials: request.credentials ? 'include' : 'omit',
    cache: undefined,
    readHeaders: [],
  };
}

/** The same request as `corsica check` options (`credentials: 'omit'` and fetch()'s default read alike). */
export function checkArguments(url: string, origin: string, request: MatrixRequest): string[] {
  return [
    'check',
    url,
    '--origin',
    origin,
    '--method',
    request.method,
    ...Object.entries(request.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    ...(request.json ? ['-H', 'Content-Type: application/json', '--data', JSON_BODY] : []),
    ...(request.credentials ? ['--credentials'] : []),
    '--send',
    '--json',
  ];
}
