import { describe, expect, it } from 'vitest';
import { CorsConfigError, createCors } from '../index.ts';
import { configProblems } from '../test-support/config-problems.ts';

/**
 * The sentences `createCors` says when it refuses a policy, word for word: each names what is
 * wrong and the value to write instead, so each is pinned whole (the codes and where each problem
 * is found are pinned in `config/config.test.ts`).
 */

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';

const problemsOf = configProblems;

/** `[option, message]` for every problem of the policy, in the order they are reported. */
function messagesOf(options: unknown): [string, string][] {
  return problemsOf(options).map((problem) => [problem.option, problem.message]);
}

interface Case {
  readonly options: unknown;
  /** Where the one problem of the policy is. */
  readonly option: string;
  /** Its whole message. */
  readonly message: string;
}

function checkEach(cases: Readonly<Record<string, Case>>): void {
  it.each(Object.entries(cases))('%s', (_, c) => {
    expect(messagesOf(c.options)).toStrictEqual([[c.option, c.message]]);
  });
}

describe('the options object and the options around the policy', () => {
  checkEach({
    'a string instead of the options object': {
      options: APP,
      option: 'options',
      message: `createCors() takes an options object such as { origins: ['${APP}'] }, not "${APP}".`,
    },
    'null instead of the options object': {
      options: null,
      option: 'options',
      message: `createCors() takes an options object such as { origins: ['${APP}'] }, not null.`,
    },
    'onError that is not a function': {
      options: { origins: [APP], onError: 'log' },
      option: 'onError',
      message: 'onError must be a function (error, request) => void.',
    },
    'onDecision that is not a function': {
      options: { origins: [APP], onDecision: true },
      option: 'onDecision',
      message: 'onDecision must be a function (decision, request) => void.',
    },
    'log that is none of its values': {
      options: { origins: [APP], log: 'warn' },
      option: 'log',
      message: `log is false, 'denials', 'all' or a function (record) => void, not "warn".`,
    },
    'routes that is not a list': {
      options: { origins: [APP], routes: { path: '/api/*' } },
      option: 'routes',
      message: "routes must be a list such as [{ path: '/api/*', origins: [...] }].",
    },
    'debug that is not a boolean': {
      options: { origins: [APP], debug: 'yes' },
      option: 'debug',
      message: 'debug must be true or false, not "yes".',
    },
    'privateNetwork that is not a boolean': {
      options: { origins: [APP], privateNetwork: 1 },
      option: 'privateNetwork',
      message: 'privateNetwork must be true or false, not 1.',
    },
  });
});

describe('an unknown option', () => {
  checkEach({
    'nothing close: every option is listed': {
      options: { origins: [APP], zzz: 1 },
      option: 'zzz',
      message:
        'Unknown option "zzz"; the options are origins, credentials, methods, allowedHeaders, exposedHeaders, maxAge, privateNetwork, preflight, rejectDisallowed, dangerouslyAllowNullOrigin, dangerouslyAllowFileOrigins, dangerouslyAllowInsecureOrigins, dangerouslyAllowPublicSuffixPatterns, timeout, cache, routes, onError, onDecision, log, debug.',
    },
    'a typo that keeps the first five letters': {
      options: { origins: [APP], credentails: true },
      option: 'credentails',
      message: 'Unknown option "credentails"; did you mean "credentials"?',
    },
    'a shorter spelling': {
      options: { origins: [APP], preflightOptions: {} },
      option: 'preflightOptions',
      message: 'Unknown option "preflightOptions"; did you mean "preflight"?',
    },
    'the wrong letter case names that option, not one sharing its first letters': {
      options: { origins: [APP], DangerouslyAllowFileOrigins: true },
      option: 'DangerouslyAllowFileOrigins',
      message:
        'Unknown option "DangerouslyAllowFileOrigins"; did you mean "dangerouslyAllowFileOrigins"?',
    },
    "a route's option in the wrong letter case": {
      options: { origins: [APP], routes: [{ path: '/a', Method: 'GET' }] },
      option: 'routes[0].Method',
      message: 'Unknown option "Method"; did you mean "method"?',
    },
  });
});

describe('an option of another CORS library, with the Corsica spelling of its value', () => {
  const foreign = (key: string, value: unknown, fix: string): Case => ({
    options: { origins: [APP], [key]: value },
    option: key,
    message: `Unknown option "${key}": ${fix}.`,
  });
  checkEach({
    'origin: a predicate': foreign(
      'origin',
      () => true,
      'write origins: (origin, ctx) => true or false (Corsica sends the header; the predicate only says yes or no)',
    ),
    'origin: a list, each entry trimmed and canonical, with its regular expressions named': foreign(
      'origin',
      ['https://a.com/', 42, ' ', ' https://B.com ', /^https:\/\/x\.com$/],
      `write origins: ['https://a.com', 'https://b.com'], with patterns such as "https://*.example.com" in place of the regular expressions`,
    ),
    'origin: a comma-separated string': foreign(
      'origin',
      'https://a.com, ,https://b.com/',
      "write origins: ['https://a.com', 'https://b.com']",
    ),
    'origin: a value with no origin in it': foreign(
      'origin',
      42,
      `write origins: ['${APP}'] (a list), '*' or a predicate`,
    ),
    'origin: only regular expressions': foreign(
      'origin',
      [/^https:\/\/x\.com$/],
      `write origins: ['${APP}'] (a list), '*' or a predicate`,
    ),
    "origin: '*'": foreign('origin', '*', "write origins: '*'"),
    'origin: true': foreign(
      'origin',
      true,
      `origin: true reflects every origin, which hands any site your users' data with credentials: Corsica refuses it. List the origins, e.g. origins: ['${APP}'], or write origins: '*' for a public API`,
    ),
    allowedOrigins: foreign('allowedOrigins', [APP], 'write origins'),
    allowOrigins: foreign('allowOrigins', [APP], 'write origins'),
    allowOrigin: foreign('allowOrigin', APP, 'write origins'),
    allowedMethods: foreign('allowedMethods', ['PUT'], 'write methods'),
    'allowMethods: a list, its names kept': foreign(
      'allowMethods',
      ['GET', 1, 'PUT'],
      "write methods: ['GET', 'PUT']",
    ),
    'allowMethods: a comma-separated string': foreign(
      'allowMethods',
      'GET, ,PUT ',
      "write methods: ['GET', 'PUT']",
    ),
    'allowMethods: neither': foreign('allowMethods', true, 'write methods'),
    'allowMethods: an empty list': foreign('allowMethods', [], 'write methods'),
    allowHeaders: foreign('allowHeaders', ['X-A'], "write allowedHeaders: ['X-A']"),
    'allowHeaders: neither a list nor a string': foreign(
      'allowHeaders',
      true,
      'write allowedHeaders',
    ),
    headers: foreign('headers', ['X-A'], 'write allowedHeaders'),
    exposeHeaders: foreign('exposeHeaders', 'X-A, X-B', "write exposedHeaders: ['X-A', 'X-B']"),
    allowCredentials: foreign('allowCredentials', true, 'write credentials'),
    maxAgeSeconds: foreign('maxAgeSeconds', 600, 'write maxAge'),
    'optionsSuccessStatus: its status kept': foreign(
      'optionsSuccessStatus',
      204,
      'write preflight: { successStatus: 204 }',
    ),
    'optionsSuccessStatus: not a number': foreign(
      'optionsSuccessStatus',
      '204',
      'write preflight: { successStatus: 200 }',
    ),
    preflightSuccessStatus: foreign(
      'preflightSuccessStatus',
      200,
      'write preflight: { successStatus }',
    ),
    preflightContinue: foreign('preflightContinue', true, 'write preflight: { continue: true }'),
    allowPrivateNetwork: foreign('allowPrivateNetwork', true, 'write privateNetwork'),
    privateNetworkAccess: foreign('privateNetworkAccess', true, 'write privateNetwork'),
    keepHeadersOnError: foreign(
      'keepHeadersOnError',
      true,
      'remove it: Corsica adapters always keep CORS headers on error responses',
    ),
    strictPreflight: foreign(
      'strictPreflight',
      true,
      'remove it: Corsica classifies preflights exactly as Fetch does',
    ),
    hook: foreign(
      'hook',
      'preHandler',
      'remove it: the fastify adapter answers preflights in onRequest, before auth hooks',
    ),
    delegator: foreign(
      'delegator',
      () => undefined,
      'use routes for per-path policies, config.cors per route with fastify, or an origins predicate',
    ),
    hideOptionsRoute: foreign(
      'hideOptionsRoute',
      true,
      'remove it: the fastify adapter adds no OPTIONS route',
    ),
    logLevel: foreign('logLevel', 'info', 'remove it: Corsica adds no route'),
    secureContext: foreign(
      'secureContext',
      true,
      'remove it: set Cross-Origin-Opener-Policy and -Embedder-Policy in your app',
    ),
    cacheControl: foreign(
      'cacheControl',
      600,
      'remove it: set Cache-Control on preflights with your framework if you need it',
    ),
  });
});

describe('origins', () => {
  checkEach({
    missing: {
      options: {},
      option: 'origins',
      message: `origins is required: Corsica has no default. Write origins: ['${APP}'], or origins: '*' for a public API that needs no credentials.`,
    },
    'an empty list': {
      options: { origins: [] },
      option: 'origins',
      message: `origins is an empty list, so no origin could ever read a response. List at least one origin, e.g. ['${APP}'].`,
    },
    'a comma-separated string, each origin canonical': {
      options: { origins: 'https://a.com/, HTTPS://B.com:443' },
      option: 'origins',
      message:
        "origins must be '*', a list or a predicate, not a string; write origins: ['https://a.com', 'https://b.com'].",
    },
    true: {
      options: { origins: true },
      option: 'origins',
      message:
        "origins: true (reflect every origin) is how peers leak credentialed data; list the origins, or write '*' for a public API.",
    },
    'a number': {
      options: { origins: 42 },
      option: 'origins',
      message: "origins must be '*', a list of origins or a predicate, not 42.",
    },
    'an entry that is not a string': {
      options: { origins: [42] },
      option: 'origins[0]',
      message: 'each origin must be a string, not 42.',
    },
    "'*' in a list": {
      options: { origins: ['*', APP] },
      option: 'origins[0]',
      message:
        "'*' inside a list is ambiguous; write origins: '*' alone for any origin, or list the origins.",
    },
    "'*' with credentials: true": {
      options: { origins: '*', credentials: true },
      option: 'origins',
      message:
        "'*' cannot be combined with credentials: true (browsers refuse it, and reflecting every origin would hand any site your users' data). List who gets credentials: credentials: ['https://app.example.com'] keeps '*' for anonymous reads.",
    },
    'a regular expression one pattern expresses': {
      options: { origins: [/^https:\/\/.*\.example\.com$/] },
      option: 'origins[0]',
      message:
        'Regular expressions are not accepted as origins (they are how origin checks get bypassed). Write "https://*.example.com" instead.',
    },
    'a regular expression two patterns express': {
      options: { origins: /^https?:\/\/app\.example\.com$/ },
      option: 'origins',
      message:
        'Regular expressions are not accepted as origins (they are how origin checks get bypassed). Write "http://app.example.com" and "https://app.example.com" instead.',
    },
    'a regular expression no pattern expresses': {
      options: { origins: [/^https:\/\/[a-z]+\.example\.(com|org)$/] },
      option: 'origins[0]',
      message:
        "Regular expressions are not accepted as origins (they are how origin checks get bypassed). Write exact origins, or patterns such as 'https://*.example.com' and 'http://localhost:*'; where no pattern fits, a predicate: origins: (origin) => myCheck(origin).",
    },
    'an origin listed twice': {
      options: { origins: [APP, ADMIN, APP] },
      option: 'origins[2]',
      message: '"https://app.example.com" repeats origins[0]; remove one.',
    },
    '"null"': {
      options: { origins: ['null'] },
      option: 'origins[0]',
      message:
        '"null" is sent by sandboxed iframes, file: pages and redirects, which any site can produce. Remove it, or set dangerouslyAllowNullOrigin: true.',
    },
    '"NULL"': {
      options: { origins: ['NULL'] },
      option: 'origins[0]',
      message: '"NULL" is not an origin; the null origin is spelled "null", in lowercase.',
    },
    'a file: origin': {
      options: { origins: ['file://'] },
      option: 'origins[0]',
      message:
        '"file://": browsers send Origin: null from file: pages. Remove it, or set dangerouslyAllowFileOrigins: true for an embedded runtime that sends it.',
    },
  });
});

describe('an origin that is not one', () => {
  const entry = (origin: string, message: string): Case => ({
    options: { origins: [origin] },
    option: 'origins[0]',
    message,
  });
  checkEach({
    'a host and port without a scheme': entry(
      'app.example.com:8080',
      '"app.example.com:8080" is not an origin; write scheme://host[:port], e.g. "https://app.example.com:8080".',
    ),
    'not even a host': entry(
      '/x y',
      '"/x y" is not an origin; write scheme://host[:port], e.g. "https://app.example.com".',
    ),
    'a scheme that is not one': entry(
      '1http://a.com',
      '"1http://a.com" does not start with a valid scheme; write e.g. "https://app.example.com".',
    ),
    'an unterminated IPv6 address': entry(
      'http://[::1',
      '"http://[::1" has an unterminated IPv6 address.',
    ),
    'text after an IPv6 address': entry(
      'http://[::1]x',
      '"http://[::1]x" has text after its IPv6 address.',
    ),
    'no host': entry('https://', '"https://" has no host.'),
    'an IPv4 address out of range': entry(
      'http://1.2.3.999',
      '"http://1.2.3.999" has an invalid IP address.',
    ),
    'subdomains of an IP address': entry(
      'https://*.127.0.0.1',
      '"https://*.127.0.0.1" has an invalid IP address.',
    ),
    'a host with a character no host has': entry(
      'https://a!b.com',
      `"https://a!b.com" has an invalid host; a host is letters, digits, '-' and '_' in dot-separated labels (punycode for IDN).`,
    ),
    "a '*' inside a label": entry(
      'https://*example.com',
      `"https://*example.com": '*' may only stand for whole labels at the start of the host ("https://*.example.com") or for the port ("http://localhost:*").`,
    ),
    'a port out of range': entry(
      'http://localhost:99999',
      '"http://localhost:99999" has the port "99999"; write a number from 1 to 65535, or ":*" for any port.',
    ),
  });
});

describe('an origin in a form browsers never send, with the form to write', () => {
  const entry = (origin: string, message: string): Case => ({
    options: { origins: [origin] },
    option: 'origins[0]',
    message,
  });
  checkEach({
    'uppercase letters': entry(
      'https://App.Example.com',
      '"https://App.Example.com" has uppercase letters; browsers send the scheme and host in lowercase, so it would never match. Write "https://app.example.com".',
    ),
    'a Unicode host': entry(
      'https://bücher.example',
      '"https://bücher.example" has a Unicode host; browsers send its punycode (xn--) form. Write "https://xn--bcher-kva.example".',
    ),
    'user info': entry(
      'https://me@app.example.com',
      `"https://me@app.example.com" contains user info ('@'), which never appears in an origin. Write "https://app.example.com".`,
    ),
    'the default port': entry(
      'https://app.example.com:443',
      `"https://app.example.com:443" names the scheme's default port, which browsers leave out of Origin. Write "https://app.example.com".`,
    ),
    'a port with leading zeros': entry(
      'http://localhost:08080',
      '"http://localhost:08080" writes its port with leading zeros. Write "http://localhost:8080".',
    ),
    'an IP address not in its shortest form': entry(
      'http://[0:0:0:0:0:0:0:1]:8080',
      '"http://[0:0:0:0:0:0:0:1]:8080" writes its IP address in a form browsers never send. Write "http://[::1]:8080".',
    ),
    'a trailing dot': entry(
      'https://app.example.com.',
      '"https://app.example.com." ends its host with a dot, which is a different host. Write "https://app.example.com".',
    ),
    'a trailing slash': entry(
      'https://app.example.com/',
      '"https://app.example.com/" ends with a slash; an origin has no path. Write "https://app.example.com".',
    ),
    'a path, query and fragment': entry(
      'https://app.example.com/login?x#y',
      '"https://app.example.com/login?x#y" has a path, query or fragment; an origin is only scheme://host[:port]. Write "https://app.example.com".',
    ),
    'a percent-encoded host': entry(
      'https://ex%41mple.com',
      '"https://ex%41mple.com" is not a serialized origin. Write "https://example.com".',
    ),
  });
});

describe('credentials', () => {
  checkEach({
    'a number': {
      options: { origins: [APP], credentials: 1 },
      option: 'credentials',
      message:
        'credentials must be true, false or a list of origins allowed to send credentials, not 1.',
    },
    'an entry none of origins matches, with the origins that would allow it': {
      options: { origins: [APP, 'https://*.example.org'], credentials: [ADMIN] },
      option: 'credentials[0]',
      message:
        '"https://admin.example.com" is in credentials but matches none of origins, so it never gets credentials (credentials only picks among allowed origins). To allow it, write origins: ["https://app.example.com", "https://*.example.org", "https://admin.example.com"]; otherwise remove it.',
    },
    'plain http with credentials': {
      options: { origins: ['http://app.example.com'], credentials: true },
      option: 'origins[0]',
      message:
        '"http://app.example.com" is plain http with credentials, which anyone on the network path can impersonate. Write "https://app.example.com", or set dangerouslyAllowInsecureOrigins: true.',
    },
    'a pattern over a public suffix': {
      options: { origins: ['https://*.github.io'] },
      option: 'origins[0]',
      message:
        '"https://*.github.io" spans the public suffix "github.io", where anyone registers names. List your own sites ("https://*.yourname.github.io"), or set dangerouslyAllowPublicSuffixPatterns: true.',
    },
  });
});

describe('methods', () => {
  const methods = (value: unknown, option: string, message: string): Case => ({
    options: { origins: [APP], methods: value },
    option,
    message,
  });
  checkEach({
    'a number': methods(
      5,
      'methods',
      "methods must be '*' or a list such as ['PUT', 'DELETE'], not 5.",
    ),
    'not a token': methods(
      ['PUT GET'],
      'methods[0]',
      '"PUT GET" is not a method name (an RFC 9110 token such as "PATCH").',
    ),
    "'*' in a list": methods(
      ['*', 'PUT'],
      'methods[0]',
      "'*' inside a list is ambiguous; write methods: '*' alone, or list the methods.",
    ),
    'a forbidden method': methods(
      ['TRACE'],
      'methods[0]',
      '"TRACE" is a forbidden method that browsers never send. Remove it.',
    ),
    'a lowercase well-known method': methods(
      ['patch'],
      'methods[0]',
      'Methods are case-sensitive and browsers send "PATCH"; "patch" would never match. Write "PATCH".',
    ),
    'a method listed twice': methods(
      ['PUT', 'PUT'],
      'methods[1]',
      '"PUT" is listed twice; remove one.',
    ),
  });
});

describe('allowedHeaders and exposedHeaders', () => {
  checkEach({
    'allowedHeaders: an object': {
      options: { origins: [APP], allowedHeaders: {} },
      option: 'allowedHeaders',
      message: "allowedHeaders must be '*' or a list such as ['Content-Type'], not {}.",
    },
    'exposedHeaders: false': {
      options: { origins: [APP], exposedHeaders: false },
      option: 'exposedHeaders',
      message: "exposedHeaders must be '*' or a list such as ['X-Request-Id'], not false.",
    },
    "a route's comma-separated string, named by its own key and written at its full path": {
      options: { origins: [APP], routes: [{ path: '/a', exposedHeaders: 'X-Id, X-Trace' }] },
      option: 'routes[0].exposedHeaders',
      message:
        "exposedHeaders is a list, not a comma-separated string; write routes[0].exposedHeaders: ['X-Id', 'X-Trace'].",
    },
    'not a token': {
      options: { origins: [APP], allowedHeaders: ['X Custom'] },
      option: 'allowedHeaders[0]',
      message: '"X Custom" is not a header name (an RFC 9110 token such as "X-Request-Id").',
    },
    'a forbidden request header': {
      options: { origins: [APP], allowedHeaders: ['Cookie'] },
      option: 'allowedHeaders[0]',
      message: '"Cookie" is a forbidden request header that only browsers set. Remove it.',
    },
    'a CORS response header': {
      options: { origins: [APP], allowedHeaders: ['Access-Control-Allow-Origin'] },
      option: 'allowedHeaders[0]',
      message:
        '"Access-Control-Allow-Origin" is a CORS response header, never a request header. Remove it.',
    },
    'a name listed twice in another case': {
      options: { origins: [APP], allowedHeaders: ['X-A', 'x-a'] },
      option: 'allowedHeaders[1]',
      message: '"x-a" is listed twice (names are case-insensitive); remove one.',
    },
    "allowedHeaders: '*' with a name other than Authorization": {
      options: { origins: [APP], allowedHeaders: ['*', 'X-Custom'] },
      option: 'allowedHeaders',
      message:
        "'*' already covers every name except Authorization; write allowedHeaders: '*', or ['*', 'Authorization'] to add Authorization.",
    },
    "exposedHeaders: '*' in a list": {
      options: { origins: [APP], exposedHeaders: ['*', 'X-Id'] },
      option: 'exposedHeaders[0]',
      message:
        "'*' inside a list is ambiguous; write exposedHeaders: '*' alone, or list the names.",
    },
    'exposing a header scripts never read': {
      options: { origins: [APP], exposedHeaders: ['Set-Cookie'] },
      option: 'exposedHeaders[0]',
      message: '"Set-Cookie" is never readable by scripts. Remove it.',
    },
    "exposedHeaders: '*' with credentials": {
      options: { origins: [APP], credentials: true, exposedHeaders: '*' },
      option: 'exposedHeaders',
      message:
        "exposedHeaders: '*' is a literal name on credentialed requests. List the names, e.g. exposedHeaders: ['X-Request-Id'].",
    },
  });
});

describe('maxAge, preflight, timeout, cache and privateNetwork', () => {
  checkEach({
    'maxAge: a fraction': {
      options: { origins: [APP], maxAge: 1.5 },
      option: 'maxAge',
      message:
        'maxAge is a whole number of seconds from 0 to 86400, not 1.5; e.g. maxAge: 600. Leave it out for the browser default of 5 s.',
    },
    'maxAge: above a day': {
      options: { origins: [APP], maxAge: 90000 },
      option: 'maxAge',
      message:
        'maxAge 90000 is above 86400 s, the highest any browser honours (Chromium: 7200). Write at most 86400.',
    },
    'preflight: a number': {
      options: { origins: [APP], preflight: 204 },
      option: 'preflight',
      message: 'preflight must be an object such as { successStatus: 200 }, not 204.',
    },
    'preflight: an option it does not have': {
      options: { origins: [APP], preflight: { status: 200 } },
      option: 'preflight.status',
      message: 'preflight has no option "status"; it takes successStatus and continue.',
    },
    'preflight.successStatus: a redirect': {
      options: { origins: [APP], preflight: { successStatus: 301 } },
      option: 'preflight.successStatus',
      message:
        'successStatus must be 200-299 (browsers fail preflights otherwise). Write 204, the default, or 200.',
    },
    'preflight.continue: a string': {
      options: { origins: [APP], preflight: { continue: 'yes' } },
      option: 'preflight.continue',
      message: 'preflight.continue must be true or false.',
    },
    'timeout: negative': {
      options: { origins: [APP], timeout: -1 },
      option: 'timeout',
      message:
        'timeout is a whole number of milliseconds (0 waits forever), not -1; e.g. timeout: 2000.',
    },
    'cache: true': {
      options: { origins: [APP], cache: true },
      option: 'cache',
      message: 'cache is an object such as { ttlMs: 60000 }, not true.',
    },
    'cache: an option it does not have': {
      options: { origins: [APP], cache: { ttlMs: 1000, ttl: 5 } },
      option: 'cache.ttl',
      message:
        'cache has no option "ttl"; it takes ttlMs, negativeTtlMs, maxEntries, maxNegativeEntries, maxConcurrent and now.',
    },
    'cache: a count of 0': {
      options: { origins: [APP], cache: { ttlMs: 1000, maxEntries: 0 } },
      option: 'cache.maxEntries',
      message: 'cache.maxEntries is a whole number from 1 up, not 0.',
    },
    'cache.now: not a function': {
      options: { origins: [APP], cache: { ttlMs: 1000, now: 5 } },
      option: 'cache.now',
      message: 'cache.now is a clock function returning milliseconds, e.g. () => Date.now().',
    },
    'cache: no ttlMs': {
      options: { origins: [APP], cache: {} },
      option: 'cache.ttlMs',
      message: 'cache needs ttlMs, how long an answer is remembered: e.g. cache: { ttlMs: 60000 }.',
    },
    "privateNetwork with origins: '*'": {
      options: { origins: '*', privateNetwork: true },
      option: 'privateNetwork',
      message: `privateNetwork with origins: '*' lets every website reach this private-network service. List the origins that may, e.g. origins: ['${APP}'].`,
    },
  });
});

describe('routes', () => {
  const routes = (list: unknown[], option: string, message: string): Case => ({
    options: { origins: [APP], routes: list },
    option,
    message,
  });
  checkEach({
    'a route that is not an object': routes(
      ['/api/*'],
      'routes[0]',
      "each route is an object such as { path: '/api/*', origins: [...] }.",
    ),
    'a path without its leading slash': routes(
      [{ path: 'api/*' }],
      'routes[0].path',
      'The route path "api/*" must start with "/"; write an exact path such as "/health", a parameter such as "/users/:id", or a prefix such as "/api/*".',
    ),
    'a lowercase method': routes(
      [{ path: '/api/*', method: 'delete' }],
      'routes[0].method',
      `A route's method is a method name or a list of them, spelled as browsers send them (e.g. "GET" or ["PUT", "DELETE"]), not "delete".`,
    ),
    'a path written twice': routes(
      [{ path: '/api/*' }, { path: '/api/*' }],
      'routes[1].path',
      'The path "/api/*" repeats routes[0]; merge the two.',
    ),
    'a path and methods written twice, in any order': routes(
      [
        { path: '/api/*', method: ['PUT', 'DELETE'] },
        { path: '/api/*', method: ['DELETE', 'PUT'], label: 'second' },
      ],
      'second.path',
      'The path "/api/*" for DELETE, PUT repeats routes[0]; merge the two.',
    ),
    'a disabled route with other options': routes(
      [{ path: '/internal/*', disabled: true, maxAge: 5 }],
      'routes[0].maxAge',
      'A disabled route takes no other options; remove it, or remove disabled.',
    ),
    'disabled: a string': routes(
      [{ path: '/a', disabled: 'yes' }],
      'routes[0].disabled',
      'disabled must be true or false.',
    ),
    'an empty label': routes(
      [{ path: '/a', label: '' }],
      'routes[0].label',
      'label must be a non-empty string naming the route in messages.',
    ),
  });
});

describe('a route that turns an opt-in off while inheriting the entry it allowed', () => {
  const route = [{ path: '/a/*', dangerouslyAllowNullOrigin: false }];
  checkEach({
    'origins with other entries: the list without it': {
      options: { origins: [APP, ADMIN, 'null'], dangerouslyAllowNullOrigin: true, routes: route },
      option: 'routes[0].dangerouslyAllowNullOrigin',
      message:
        'The route sets dangerouslyAllowNullOrigin: false but inherits "null" in origins, which needs it; give the route its own origins without it: origins: ["https://app.example.com", "https://admin.example.com"].',
    },
    'origins with no other entry': {
      options: { origins: ['null'], dangerouslyAllowNullOrigin: true, routes: route },
      option: 'routes[0].dangerouslyAllowNullOrigin',
      message:
        'The route sets dangerouslyAllowNullOrigin: false but inherits "null" in origins, which needs it; give the route its own origins, or disabled: true.',
    },
    'credentials with no other entry': {
      options: {
        origins: '*',
        credentials: ['null'],
        dangerouslyAllowNullOrigin: true,
        routes: route,
      },
      option: 'routes[0].dangerouslyAllowNullOrigin',
      message:
        'The route sets dangerouslyAllowNullOrigin: false but inherits "null" in credentials, which needs it; give the route credentials: false.',
    },
  });
});

describe('the error', () => {
  it('says who refused the policy and how many problems follow, one a line with its code', () => {
    expect(() => createCors({ origins: [APP], maxAge: -1 })).toThrow(
      new CorsConfigError(problemsOf({ origins: [APP], maxAge: -1 })),
    );
    const error = (() => {
      try {
        createCors({ origins: [APP, APP], maxAge: -1 });
      } catch (thrown) {
        return thrown as Error;
      }
      throw new Error('createCors accepted the policy');
    })();
    expect(error.message).toBe(
      [
        'Invalid CORS policy given to createCors() (2 problems):',
        '  - origins[1]: "https://app.example.com" repeats origins[0]; remove one. [origin-duplicate]',
        '  - maxAge: maxAge is a whole number of seconds from 0 to 86400, not -1; e.g. maxAge: 600. Leave it out for the browser default of 5 s. [max-age-invalid]',
      ].join('\n'),
    );
  });

  it('says "1 problem" for one', () => {
    expect(() => createCors({ origins: [APP], maxAge: -1 })).toThrow(
      /^Invalid CORS policy given to createCors\(\) \(1 problem\):\n {2}- maxAge: /,
    );
  });
});
