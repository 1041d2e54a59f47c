import { listLiteral, quote } from './quote.ts';

/**
 * Every sentence `createCors` says about a policy it refuses. Each names what is wrong and gives
 * the value to write instead; the codes are in `config/problems.ts`, the checks in `config/`.
 */

const EXAMPLE_ORIGIN = 'https://app.example.com';

export const configMessages = {
  // The whole options object, and the options around the policy.
  optionsType: (caller: string, value: unknown): string =>
    `${caller} takes an options object such as { origins: ['${EXAMPLE_ORIGIN}'] }, not ${quote(value)}.`,
  onErrorType: (): string => 'onError must be a function (error, request) => void.',
  onDecisionType: (): string => 'onDecision must be a function (decision, request) => void.',
  reconfigureSyncAsync: (): string =>
    'This policy decides synchronously; keep the predicate synchronous, (origin) => allowed.has(origin), or give the adapter createCors({ origins: async … }).',
  logType: (value: unknown): string =>
    `log is false, 'denials', 'all' or a function (record) => void, not ${quote(value)}.`,
  routesType: (): string => "routes must be a list such as [{ path: '/api/*', origins: [...] }].",
  booleanType: (key: string, value: unknown): string =>
    `${key} must be true or false, not ${quote(value)}.`,
  unknownOption: (key: string, known: readonly string[]): string => {
    const lower = key.toLowerCase();
    // The option the key spells in another case, before any that only shares its first letters.
    const match =
      known.find((k) => k.toLowerCase() === lower) ??
      known.find((k) => k.toLowerCase().startsWith(lower.slice(0, 5)));
    return `Unknown option ${quote(key)}; ${match === undefined ? `the options are ${known.join(', ')}.` : `did you mean ${quote(match)}?`}`;
  },
  /** An option of another CORS library, with the Corsica spelling of the user's own value. */
  foreignOption: (key: string, fix: string): string => `Unknown option ${quote(key)}: ${fix}.`,

  // origins
  originsMissing: (): string =>
    `origins is required: Corsica has no default. Write origins: ['${EXAMPLE_ORIGIN}'], or origins: '*' for a public API that needs no credentials.`,
  originsEmpty: (): string =>
    `origins is an empty list, so no origin could ever read a response. List at least one origin, e.g. ['${EXAMPLE_ORIGIN}'].`,
  originsString: (option: string, corrected: readonly string[]): string =>
    `origins must be '*', a list or a predicate, not a string; write ${option}: ${listLiteral(corrected)}.`,
  originsReflect: (): string =>
    "origins: true (reflect every origin) is how peers leak credentialed data; list the origins, or write '*' for a public API.",
  originsType: (value: unknown): string =>
    `origins must be '*', a list of origins or a predicate, not ${quote(value)}.`,
  originItemType: (item: unknown): string => `each origin must be a string, not ${quote(item)}.`,
  originWildcardInList: (): string =>
    "'*' inside a list is ambiguous; write origins: '*' alone for any origin, or list the origins.",
  originWildcardWithCredentials: (): string =>
    "'*' cannot be combined with credentials: true (browsers refuse it, and reflecting every origin would hand any site your users' data). List who gets credentials: credentials: ['https://app.example.com'] keeps '*' for anonymous reads.",
  originRegexp: (suggestions: readonly string[]): string => {
    const fix =
      suggestions.length > 0
        ? `Write ${suggestions.map((s) => quote(s)).join(' and ')} instead.`
        : "Write exact origins, or patterns such as 'https://*.example.com' and 'http://localhost:*'; where no pattern fits, a predicate: origins: (origin) => myCheck(origin).";
    return `Regular expressions are not accepted as origins (they are how origin checks get bypassed). ${fix}`;
  },
  originDuplicate: (item: unknown, option: string, first: number): string =>
    `${quote(item)} repeats ${option}[${first}]; remove one.`,
  originNull: (shown: string): string =>
    `${shown} is sent by sandboxed iframes, file: pages and redirects, which any site can produce. Remove it, or set dangerouslyAllowNullOrigin: true.`,
  originNullCase: (shown: string): string =>
    `${shown} is not an origin; the null origin is spelled "null", in lowercase.`,
  originFile: (shown: string): string =>
    `${shown}: browsers send Origin: null from file: pages. Remove it, or set dangerouslyAllowFileOrigins: true for an embedded runtime that sends it.`,
  notAnOrigin: (shown: string, example: string): string =>
    `${shown} is not an origin; write scheme://host[:port], e.g. ${example}.`,
  badScheme: (shown: string): string =>
    `${shown} does not start with a valid scheme; write e.g. "${EXAMPLE_ORIGIN}".`,
  unterminatedIpv6: (shown: string): string => `${shown} has an unterminated IPv6 address.`,
  textAfterIpv6: (shown: string): string => `${shown} has text after its IPv6 address.`,
  noHost: (shown: string): string => `${shown} has no host.`,
  invalidIp: (shown: string): string => `${shown} has an invalid IP address.`,
  invalidHost: (shown: string): string =>
    `${shown} has an invalid host; a host is letters, digits, '-' and '_' in dot-separated labels (punycode for IDN).`,
  patternInvalid: (shown: string): string =>
    `${shown}: '*' may only stand for whole labels at the start of the host ("https://*.example.com") or for the port ("http://localhost:*").`,
  portInvalid: (shown: string, port: string): string =>
    `${shown} has the port ${quote(port)}; write a number from 1 to 65535, or ":*" for any port.`,
  /** An origin written in a form browsers never send: what differs, and the form to write. */
  deviation: (code: string, shown: string, canonical: string): string =>
    `${DEVIATIONS[code]?.(shown) ?? `${shown} is not a serialized origin.`} Write "${canonical}".`,

  // credentials
  credentialsType: (value: unknown): string =>
    `credentials must be true, false or a list of origins allowed to send credentials, not ${quote(value)}.`,
  credentialsOutsideOrigins: (
    entry: string,
    option: string,
    corrected: readonly string[],
  ): string =>
    `${quote(entry)} is in credentials but matches none of origins, so it never gets credentials (credentials only picks among allowed origins). To allow it, write ${option}: [${corrected.map((o) => quote(o)).join(', ')}]; otherwise remove it.`,
  insecureWithCredentials: (source: string): string =>
    `${quote(source)} is plain http with credentials, which anyone on the network path can impersonate. Write ${quote(source.replace(/^http:/, 'https:'))}, or set dangerouslyAllowInsecureOrigins: true.`,
  publicSuffix: (source: string, scheme: string, baseHost: string): string =>
    `${quote(source)} spans the public suffix "${baseHost}", where anyone registers names. List your own sites ("${scheme}://*.yourname.${baseHost}"), or set dangerouslyAllowPublicSuffixPatterns: true.`,

  // methods
  methodsType: (value: unknown): string =>
    `methods must be '*' or a list such as ['PUT', 'DELETE'], not ${quote(value)}.`,
  methodInvalid: (method: unknown): string =>
    `${quote(method)} is not a method name (an RFC 9110 token such as "PATCH").`,
  methodWildcardInList: (): string =>
    "'*' inside a list is ambiguous; write methods: '*' alone, or list the methods.",
  methodForbidden: (method: string): string =>
    `${quote(method)} is a forbidden method that browsers never send. Remove it.`,
  methodCase: (method: string, upper: string): string =>
    `Methods are case-sensitive and browsers send ${quote(upper)}; ${quote(method)} would never match. Write ${quote(upper)}.`,
  methodDuplicate: (method: string): string => `${quote(method)} is listed twice; remove one.`,

  // request and response headers
  headersType: (key: string, value: unknown, example: string): string =>
    `${key} must be '*' or a list such as ['${example}'], not ${quote(value)}.`,
  /** A comma-separated string where a list was meant (as read from an environment variable). */
  listString: (option: string, corrected: readonly string[]): string =>
    `${option.slice(option.lastIndexOf('.') + 1)} is a list, not a comma-separated string; write ${option}: ${listLiteral(corrected)}.`,
  headerInvalid: (name: unknown): string =>
    `${quote(name)} is not a header name (an RFC 9110 token such as "X-Request-Id").`,
  headerForbidden: (name: string): string =>
    `${quote(name)} is a forbidden request header that only browsers set. Remove it.`,
  headerResponseOnly: (name: string): string =>
    `${quote(name)} is a CORS response header, never a request header. Remove it.`,
  headerDuplicate: (name: string): string =>
    `${quote(name)} is listed twice (names are case-insensitive); remove one.`,
  allowedWildcardInList: (): string =>
    "'*' already covers every name except Authorization; write allowedHeaders: '*', or ['*', 'Authorization'] to add Authorization.",
  exposedWildcardInList: (): string =>
    "'*' inside a list is ambiguous; write exposedHeaders: '*' alone, or list the names.",
  exposeForbidden: (name: string): string =>
    `${quote(name)} is never readable by scripts. Remove it.`,
  exposeWildcardWithCredentials: (): string =>
    "exposedHeaders: '*' is a literal name on credentialed requests. List the names, e.g. exposedHeaders: ['X-Request-Id'].",

  // maxAge, preflight, privateNetwork
  maxAgeInvalid: (value: unknown): string =>
    `maxAge is a whole number of seconds from 0 to 86400, not ${quote(value)}; e.g. maxAge: 600. Leave it out for the browser default of 5 s.`,
  maxAgeTooLarge: (value: number): string =>
    `maxAge ${value} is above 86400 s, the highest any browser honours (Chromium: 7200). Write at most 86400.`,
  preflightType: (value: unknown): string =>
    `preflight must be an object such as { successStatus: 200 }, not ${quote(value)}.`,
  preflightUnknown: (key: string): string =>
    `preflight has no option ${quote(key)}; it takes successStatus and continue.`,
  preflightStatus: (): string =>
    'successStatus must be 200-299 (browsers fail preflights otherwise). Write 204, the default, or 200.',
  preflightContinueType: (): string => 'preflight.continue must be true or false.',
  timeoutType: (value: unknown): string =>
    `timeout is a whole number of milliseconds (0 waits forever), not ${quote(value)}; e.g. timeout: 2000.`,
  cacheType: (value: unknown): string =>
    `cache is an object such as { ttlMs: 60000 }, not ${quote(value)}.`,
  cacheUnknown: (key: string): string =>
    `cache has no option ${quote(key)}; it takes ttlMs, negativeTtlMs, maxEntries, maxNegativeEntries, maxConcurrent and now.`,
  cacheCount: (key: string, value: unknown): string =>
    `cache.${key} is a whole number from 1 up, not ${quote(value)}.`,
  cacheNow: (): string =>
    'cache.now is a clock function returning milliseconds, e.g. () => Date.now().',
  cacheTtlMissing: (): string =>
    'cache needs ttlMs, how long an answer is remembered: e.g. cache: { ttlMs: 60000 }.',
  privateNetworkWithAnyOrigin: (): string =>
    `privateNetwork with origins: '*' lets every website reach this private-network service. List the origins that may, e.g. origins: ['${EXAMPLE_ORIGIN}'].`,

  // routes
  routeType: (): string => "each route is an object such as { path: '/api/*', origins: [...] }.",
  routePathInvalid: (path: unknown, problem: string): string =>
    `The route path ${quote(path)} ${problem}; write an exact path such as "/health", a parameter such as "/users/:id", or a prefix such as "/api/*".`,
  routeMethodInvalid: (value: unknown): string =>
    `A route's method is a method name or a list of them, spelled as browsers send them (e.g. "GET" or ["PUT", "DELETE"]), not ${quote(value)}.`,
  routeMethodAny: (): string =>
    "A route without method applies to every method; remove method: '*' (or list the methods).",
  routeDuplicate: (path: string, methods: readonly string[] | undefined, first: string): string =>
    `The path ${quote(path)}${methods === undefined ? '' : ` for ${methods.join(', ')}`} repeats ${first}; merge the two.`,
  disabledExtra: (): string =>
    'A disabled route takes no other options; remove it, or remove disabled.',
  disabledType: (): string => 'disabled must be true or false.',
  routeLabelType: (): string => 'label must be a non-empty string naming the route in messages.',
  routeFlagInherited: (
    flag: string,
    entry: unknown,
    key: string,
    kept: readonly string[],
  ): string => {
    const fix =
      kept.length > 0
        ? `give the route its own ${key} without it: ${key}: [${kept.map((o) => quote(o)).join(', ')}]`
        : key === 'origins'
          ? 'give the route its own origins, or disabled: true'
          : 'give the route credentials: false';
    return `The route sets ${flag}: false but inherits ${quote(entry)} in ${key}, which needs it; ${fix}.`;
  },

  /** The first line of a `CorsConfigError`: who refused, and how many problems follow. */
  errorTitle: (caller: string, count: number): string =>
    `Invalid CORS policy given to ${caller} (${count === 1 ? '1 problem' : `${count} problems`}):`,
};

const DEVIATIONS: Readonly<Record<string, (shown: string) => string>> = {
  'origin-uppercase': (shown) =>
    `${shown} has uppercase letters; browsers send the scheme and host in lowercase, so it would never match.`,
  'origin-unicode': (shown) =>
    `${shown} has a Unicode host; browsers send its punycode (xn--) form.`,
  'origin-userinfo': (shown) =>
    `${shown} contains user info ('@'), which never appears in an origin.`,
  'origin-default-port': (shown) =>
    `${shown} names the scheme's default port, which browsers leave out of Origin.`,
  'origin-port-invalid': (shown) => `${shown} writes its port with leading zeros.`,
  'origin-ip-noncanonical': (shown) =>
    `${shown} writes its IP address in a form browsers never send.`,
  'origin-trailing-dot': (shown) => `${shown} ends its host with a dot, which is a different host.`,
  'origin-trailing-slash': (shown) => `${shown} ends with a slash; an origin has no path.`,
  'origin-path': (shown) =>
    `${shown} has a path, query or fragment; an origin is only scheme://host[:port].`,
};

/**
 * Options of other CORS libraries (`cors`, `@koa/cors`, `@fastify/cors`, `hono/cors`,
 * `flask-cors`), and what to write instead, given the user's own value.
 */
export const FOREIGN_OPTIONS: Readonly<
  Record<string, (value: unknown, canonical: (origin: string) => string) => string>
> = {
  origin: (value, canonical) => foreignOrigin(value, canonical),
  allowedOrigins: () => 'write origins',
  allowOrigins: () => 'write origins',
  allowOrigin: () => 'write origins',
  allowedMethods: () => 'write methods',
  allowMethods: (value) => `write methods${listHint(value)}`,
  allowHeaders: (value) => `write allowedHeaders${listHint(value)}`,
  headers: () => 'write allowedHeaders',
  exposeHeaders: (value) => `write exposedHeaders${listHint(value)}`,
  allowCredentials: () => 'write credentials',
  maxAgeSeconds: () => 'write maxAge',
  optionsSuccessStatus: (value) =>
    `write preflight: { successStatus: ${typeof value === 'number' ? value : 200} }`,
  preflightSuccessStatus: () => 'write preflight: { successStatus }',
  preflightContinue: () => 'write preflight: { continue: true }',
  allowPrivateNetwork: () => 'write privateNetwork',
  privateNetworkAccess: () => 'write privateNetwork',
  keepHeadersOnError: () =>
    'remove it: Corsica adapters always keep CORS headers on error responses',
  strictPreflight: () => 'remove it: Corsica classifies preflights exactly as Fetch does',
  hook: () => 'remove it: the fastify adapter answers preflights in onRequest, before auth hooks',
  delegator: () =>
    'use routes for per-path policies, config.cors per route with fastify, or an origins predicate',
  hideOptionsRoute: () => 'remove it: the fastify adapter adds no OPTIONS route',
  logLevel: () => 'remove it: Corsica adds no route',
  secureContext: () => 'remove it: set Cross-Origin-Opener-Policy and -Embedder-Policy in your app',
  cacheControl: () =>
    'remove it: set Cache-Control on preflights with your framework if you need it',
};

/**
 * `origin` as `cors` and `@koa/cors` take it, converted to Corsica's `origins`; `canonical` gives
 * the form a configured origin must have (`https://a.com/` → `https://a.com`).
 */
function foreignOrigin(value: unknown, canonical: (origin: string) => string): string {
  if (value === true) {
    return "origin: true reflects every origin, which hands any site your users' data with credentials: Corsica refuses it. List the origins, e.g. origins: ['https://app.example.com'], or write origins: '*' for a public API";
  }
  if (value === '*') return "write origins: '*'";
  if (typeof value === 'function') {
    return 'write origins: (origin, ctx) => true or false (Corsica sends the header; the predicate only says yes or no)';
  }
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const strings = items
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map(canonical);
  if (strings.length === 0)
    return "write origins: ['https://app.example.com'] (a list), '*' or a predicate";
  return `write origins: ${listLiteral(strings)}${items.some((item) => item instanceof RegExp) ? ', with patterns such as "https://*.example.com" in place of the regular expressions' : ''}`;
}

function listHint(value: unknown): string {
  const items = Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : [];
  return items.length === 0 ? '' : `: ${listLiteral(items)}`;
}
