import type { CorsOptions, CorsRequest } from '../index.ts';

/**
 * An independent model of the policy semantics of `@corsica/cors-core`, written from the README
 * ("Options", "Per-path policies", "Tiers and routes: the rules", "Decisions", "Choices where the
 * standard leaves one"), for the model-based test in `policy-model.test.ts`.
 *
 * It shares no code with `src/`: plain, slow, readable code that follows the documented rules one
 * by one. Comments quote the rule they implement. It models the options the test generates
 * (origins, credentials, methods, allowedHeaders, the null and public-suffix flags, routes); it
 * does not model maxAge, exposedHeaders, privateNetwork, preflight.*, rejectDisallowed or Vary,
 * and assumes the defaults for them (an allowed preflight is answered 204, a denied one 403).
 */

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** How the adapter says its router matches paths (new option; `undefined` means unknown). */
export interface PathMatching {
  readonly caseSensitive: boolean | 'unknown';
  readonly trailingSlash: 'significant' | 'ignored' | 'unknown';
}

/** The request header names CORS reads, in lowercase. */
export type HeaderName = Parameters<CorsRequest['header']>[0];

/** A request as `decide` receives it (the fields the model reads), `pathMatching` included. */
export interface ModelRequest {
  readonly method: string;
  header(name: HeaderName): string | readonly string[] | null | undefined;
  readonly path?: string;
  readonly pathMatching?: PathMatching;
}

function headerOf(request: ModelRequest, name: HeaderName): string | undefined {
  const value = request.header(name);
  if (value === undefined || value === null) return undefined;
  // Several field lines are not one value; joined, they fail every check.
  return typeof value === 'string' ? value : value.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Origins
// ---------------------------------------------------------------------------------------------

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };

/**
 * A configured origin entry. "a list of exact origins (`'https://app.example.com'`) and patterns
 * (`'https://*.example.com'`: one or more whole labels, never the bare domain;
 * `'http://localhost:*'`: any port)".
 */
export type OriginEntry =
  | { readonly kind: 'exact'; readonly origin: string }
  | {
      readonly kind: 'pattern';
      readonly source: string;
      readonly scheme: string;
      /** `subdomains`: one or more labels before `base`; `literal`: exactly `base`. */
      readonly host: 'subdomains' | 'literal';
      readonly base: string;
      /** `''`: the default port only; `'*'`: any port; else that one port. */
      readonly port: string;
    };

const PATTERN = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?(\[[^\]]*\]|[^:/[\]]+)(?::(\*|[0-9]+))?$/;

/** Reads one entry of a policy list (the test only writes canonical entries). */
export function parseEntry(entry: string): OriginEntry {
  if (!entry.includes('*')) return { kind: 'exact', origin: entry };
  const match = PATTERN.exec(entry);
  if (match === null) throw new Error(`oracle: cannot read the pattern ${entry}`);
  const [, scheme = '', star, base = '', port] = match;
  return {
    kind: 'pattern',
    source: entry,
    scheme,
    host: star === undefined ? 'literal' : 'subdomains',
    base,
    port: port ?? '',
  };
}

/** "Subdomain patterns match one or more whole labels" of letters, digits, `-` and `_`. */
function isLabels(text: string): boolean {
  return text.split('.').every((label) => /^[a-z0-9_-]+$/.test(label));
}

/** "any explicit valid port (1-65535, no leading zero, not the scheme default) or none". */
function isExplicitPort(port: string, scheme: string): boolean {
  if (!/^[1-9][0-9]*$/.test(port)) return false;
  return Number(port) <= 65535 && port !== DEFAULT_PORTS[scheme];
}

/**
 * Whether a request's Origin matches one entry. "Origins are compared as exact strings": an Origin
 * in any other form (uppercase, `:443`, a trailing slash) is denied, never normalized.
 */
export function entryMatches(entry: OriginEntry, origin: string): boolean {
  if (entry.kind === 'exact') return entry.origin === origin;
  const prefix = `${entry.scheme}://`;
  if (!origin.startsWith(prefix)) return false; // same scheme, byte for byte
  const hostPort = origin.slice(prefix.length);
  // Split host and port; an IPv6 host has colons of its own, inside its brackets.
  const hostEnd = hostPort.startsWith('[') ? hostPort.indexOf(']') + 1 : hostPort.indexOf(':');
  const host = hostEnd <= 0 ? hostPort : hostPort.slice(0, hostEnd);
  const rest = hostEnd <= 0 ? '' : hostPort.slice(hostEnd);
  if (rest !== '' && !rest.startsWith(':')) return false;
  const port = rest === '' ? undefined : rest.slice(1);
  if (entry.port === '*') {
    if (port !== undefined && !isExplicitPort(port, entry.scheme)) return false;
  } else if (entry.port === '') {
    if (port !== undefined) return false; // "the exact scheme and port": the default one
  } else if (port !== entry.port) {
    return false;
  }
  if (entry.host === 'literal') return host === entry.base;
  // "one or more whole labels, never the bare domain"
  const suffix = `.${entry.base}`;
  return host.endsWith(suffix) && isLabels(host.slice(0, -suffix.length));
}

export function listMatches(entries: readonly string[], origin: string): boolean {
  return entries.some((entry) => entryMatches(parseEntry(entry), origin));
}

/**
 * "called only with well-formed origins": a canonical serialized origin, lowercase
 * `scheme://host[:port]`, no default port, no path. Judged with the WHATWG URL parser, not
 * Corsica's: the serialization of a canonical origin is itself.
 */
export function isWellFormedOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === 'null' || url.origin !== origin) return false;
  // `origin-port-invalid`: "a port outside 1-65535" is no origin (the URL parser accepts port 0).
  return url.port === '' || Number(url.port) >= 1;
}

/** Whether two subdomain/literal host sets share a host. */
type PatternEntry = OriginEntry & { readonly kind: 'pattern' };

function hostsOverlap(a: PatternEntry, b: PatternEntry): boolean {
  const under = (host: string, base: string): boolean => host.endsWith(`.${base}`);
  if (a.host === 'literal' && b.host === 'literal') return a.base === b.base;
  if (a.host === 'literal') return under(a.base, b.base);
  if (b.host === 'literal') return under(b.base, a.base);
  return a.base === b.base || under(a.base, b.base) || under(b.base, a.base);
}

/**
 * Whether some origin could match both entries: how "a credentials entry that no allowed origin can
 * ever match" is judged. An exact credentials entry must equal an exact origin or be matched by a
 * pattern; a credentials pattern must overlap some origins entry.
 */
export function entriesOverlap(credential: string, allowed: string): boolean {
  const a = parseEntry(credential);
  const b = parseEntry(allowed);
  if (a.kind === 'exact') return entryMatches(b, a.origin);
  if (b.kind === 'exact') return entryMatches(a, b.origin);
  if (a.scheme !== b.scheme) return false;
  if (a.port !== '*' && b.port !== '*' && a.port !== b.port) return false;
  return hostsOverlap(a, b);
}

/**
 * The public suffixes the README names ("`*.com`, `*.co.uk`, `*.github.io`…"); the built-in list
 * is "a short built-in list", so only these are modelled (the test writes no other).
 */
const PUBLIC_SUFFIXES = new Set(['com', 'co.uk', 'github.io']);

function isPublicSuffixPattern(entry: string): boolean {
  const parsed = parseEntry(entry);
  return (
    parsed.kind === 'pattern' && parsed.host === 'subdomains' && PUBLIC_SUFFIXES.has(parsed.base)
  );
}

// ---------------------------------------------------------------------------------------------
// Policies and inheritance
// ---------------------------------------------------------------------------------------------

type OriginsOption = NonNullable<CorsOptions['origins']>;
type CredentialsOption = NonNullable<CorsOptions['credentials']>;
type RouteOption = NonNullable<CorsOptions['routes']>[number];

/** The keys of one policy, as written in one place (the top level or one route). */
interface Written {
  readonly origins?: OriginsOption;
  readonly credentials?: CredentialsOption;
  readonly methods?: '*' | readonly string[];
  readonly allowedHeaders?: '*' | readonly string[];
  readonly dangerouslyAllowNullOrigin?: boolean;
  readonly dangerouslyAllowPublicSuffixPatterns?: boolean;
}

const POLICY_KEYS = [
  'origins',
  'credentials',
  'methods',
  'allowedHeaders',
  'dangerouslyAllowNullOrigin',
  'dangerouslyAllowPublicSuffixPatterns',
] as const;

function written(options: object): Written {
  const out: Record<string, unknown> = {};
  const source = options as Record<string, unknown>;
  for (const key of POLICY_KEYS) if (source[key] !== undefined) out[key] = source[key];
  return out as Written;
}

/** "A route inherits every top-level option it does not set, key by key." */
function inherit(topLevel: Written, route: Written): Written {
  return { ...topLevel, ...route };
}

/** A policy in force on some path. */
interface Policy {
  readonly origins: OriginsOption;
  readonly credentials: CredentialsOption;
  readonly methods: '*' | readonly string[];
  readonly allowedHeaders: '*' | readonly string[];
  readonly allowNullOrigin: boolean;
}

function policyOf(options: Written): Policy | undefined {
  if (options.origins === undefined) return undefined;
  return {
    origins: options.origins,
    credentials: options.credentials ?? false, // "`credentials` | `false`"
    methods: options.methods ?? [], // "`methods` | `[]`"
    allowedHeaders: options.allowedHeaders ?? [], // "`allowedHeaders` | `[]`"
    allowNullOrigin: options.dangerouslyAllowNullOrigin ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// Validity
// ---------------------------------------------------------------------------------------------

export type Validity =
  | { readonly verdict: 'valid' }
  | { readonly verdict: 'invalid'; readonly problems: readonly string[] }
  /** A case the README does not settle; the test skips it. */
  | { readonly verdict: 'unknown'; readonly why: readonly string[] };

function routeMethods(route: RouteOption): readonly string[] | undefined {
  const method = route.method;
  return method === undefined ? undefined : typeof method === 'string' ? [method] : method;
}

/**
 * Whether `createCors` accepts the options, for the rules the test exercises:
 * - `origins-missing`, `origins-empty`;
 * - `origin-wildcard-with-credentials`: "`origins: '*'` with `credentials: true`";
 * - `origin-null`: "`'null'` without `dangerouslyAllowNullOrigin`";
 * - `origin-pattern-public-suffix`: "a pattern over a public suffix" without its flag;
 * - `credentials-origin-not-allowed`: "Where `origins` and `credentials` are both lists written in
 *   the same place (the top level, or a route that sets `credentials`), a credentials entry that
 *   no allowed origin can ever match";
 * - `route-duplicate`: "two routes with the same path and methods".
 * Each route is checked as its own policy merged over the top level ("a `dangerously…` flag: the
 * flag, checked against the origins it applies to").
 */
export function predictValidity(options: CorsOptions): Validity {
  const problems: string[] = [];
  const unsure: string[] = [];
  const routes = options.routes ?? [];
  const topLevel = written(options);

  // "With routes, the top level may leave origins out": "Without a top-level `origins`, paths no
  // route covers get no CORS handling". Without routes, "`origins` | required".
  if (routes.length === 0 && topLevel.origins === undefined) problems.push('origins-missing');
  checkScope('top level', topLevel, topLevel, false, problems, unsure);

  const seen = new Set<string>();
  routes.forEach((route, i) => {
    const where = `routes[${i}]`;
    const methods = routeMethods(route);
    const key = `${route.path} ${methods === undefined ? '(every method)' : [...new Set(methods)].sort().join(',')}`;
    if (seen.has(key)) problems.push(`route-duplicate at ${where}`);
    seen.add(key);
    // "`disabled: true` | no CORS handling at all"
    if (route.disabled === true) return;
    const own = written(route);
    const merged = inherit(topLevel, own);
    if (merged.origins === undefined) problems.push(`origins-missing at ${where}`);
    checkScope(where, own, merged, true, problems, unsure);
  });

  if (problems.length > 0) return { verdict: 'invalid', problems };
  if (unsure.length > 0) return { verdict: 'unknown', why: unsure };
  return { verdict: 'valid' };
}

/**
 * One policy: `own` is what this place (the top level or a route) writes, `merged` what is in
 * force there (the same at the top level).
 */
function checkScope(
  where: string,
  own: Written,
  merged: Written,
  isRoute: boolean,
  problems: string[],
  unsure: string[],
): void {
  if (Array.isArray(own.origins) && own.origins.length === 0)
    problems.push(`origins-empty at ${where}`);
  if (merged.origins === '*' && merged.credentials === true)
    problems.push(`origin-wildcard-with-credentials at ${where}`);

  // Entries that need a dangerous flag, wherever the lists in force here were written.
  const lists: { key: 'origins' | 'credentials'; entries: readonly string[] }[] = [];
  if (Array.isArray(merged.origins)) lists.push({ key: 'origins', entries: merged.origins });
  if (Array.isArray(merged.credentials))
    lists.push({ key: 'credentials', entries: merged.credentials });
  const flags = [
    {
      flag: 'dangerouslyAllowNullOrigin',
      code: 'origin-null',
      needs: (entry: string) => entry === 'null',
    },
    {
      flag: 'dangerouslyAllowPublicSuffixPatterns',
      code: 'origin-pattern-public-suffix',
      needs: isPublicSuffixPattern,
    },
  ] as const;
  for (const { flag, code, needs } of flags) {
    if (merged[flag] === true) continue;
    for (const { key, entries } of lists) {
      for (const entry of entries.filter(needs)) {
        // A route that sets its own origins and turns the flag off while inheriting a credentials
        // list holding such an entry: the inherited list "only picks among" the route's origins,
        // so the entry applies to nothing there. The README does not say whether that is an error.
        const inheritedCredentialOnly =
          isRoute &&
          key === 'credentials' &&
          own.credentials === undefined &&
          own.origins !== undefined &&
          own[flag] !== undefined;
        if (inheritedCredentialOnly) unsure.push(`${code} via inherited credentials at ${where}`);
        else problems.push(`${code} (${entry} in ${key}) at ${where}`);
      }
    }
  }

  // "both lists written in the same place (the top level, or a route that sets `credentials`)";
  // the route's origins may be its own or inherited. "a route that sets only `origins`" and
  // inherits a credentials list is not checked: the inherited list is narrowed.
  const credentialsWrittenHere = own.credentials !== undefined;
  if (
    credentialsWrittenHere &&
    Array.isArray(merged.credentials) &&
    Array.isArray(merged.origins)
  ) {
    const allowed = merged.origins as readonly string[];
    for (const credential of merged.credentials as readonly string[]) {
      if (!allowed.some((entry) => entriesOverlap(credential, entry)))
        problems.push(`credentials-origin-not-allowed (${credential}) at ${where}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Paths and routes
// ---------------------------------------------------------------------------------------------

/** "Matched against the path the adapter passes ..., up to the first `?` or `#`." */
export function pathPart(target: string): string {
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~". */
function isUnreserved(byte: number): boolean {
  return /^[A-Za-z0-9._~-]$/.test(String.fromCharCode(byte));
}

/**
 * "A path that a router may resolve to another path gets no CORS access at all (reason
 * `path-unsafe`): dot segments (`/./`, `/../`), an empty segment (`//`), a backslash, or a
 * percent-encoded slash, backslash or unreserved character (any case). So does a target that is
 * not a path (the absolute form `http://host/path`)."
 */
export function isUnsafePath(target: string): boolean {
  const path = pathPart(target);
  if (!path.startsWith('/')) return true;
  if (path.includes('\\') || path.includes('//')) return true;
  const segments = path.split('/').slice(1);
  if (segments.some((segment) => segment === '.' || segment === '..')) return true;
  for (const [, hex] of path.matchAll(/%([0-9A-Fa-f]{2})/g)) {
    const byte = Number.parseInt(hex as string, 16);
    if (byte === 0x2f || byte === 0x5c || isUnreserved(byte)) return true;
  }
  return false;
}

/** A route path read into segments: a literal, or `:name` ("one non-empty segment"). */
interface Shape {
  readonly segments: readonly (string | { readonly param: string })[];
  /** "`/api/*` matches `/api`, `/api/` and everything below, never `/apix`" */
  readonly prefix: boolean;
}

function shapeOf(routePath: string): Shape {
  const prefix = routePath.endsWith('/*');
  const body = prefix ? routePath.slice(0, -2) : routePath;
  const parts = body === '' ? [] : body.split('/').slice(1);
  return {
    prefix,
    segments: parts.map((part) => (part.startsWith(':') ? { param: part } : part)),
  };
}

function shapeMatches(shape: Shape, path: string, emptyLastParameter = false): boolean {
  const parts = path.split('/').slice(1);
  if (shape.prefix ? parts.length < shape.segments.length : parts.length !== shape.segments.length)
    return false;
  return shape.segments.every((segment, i) => {
    const part = parts[i] as string;
    if (typeof segment === 'string') return segment === part;
    // "as a possible reading of a path ending in `/`, an empty last one"
    const last = i === shape.segments.length - 1 && i === parts.length - 1;
    return part !== '' || (emptyLastParameter && last);
  });
}

/**
 * "`method` limits a route to some methods, compared case-sensitively ... A route for `GET` also
 * covers `HEAD`."
 */
function routeAppliesTo(route: RouteOption, method: string): boolean {
  const methods = routeMethods(route);
  if (methods === undefined) return true;
  return methods.includes(method) || (method === 'HEAD' && methods.includes('GET'));
}

/** How one spelling of the path is compared with the route literals. */
interface Spelling {
  /** "in lowercase": the path and the route literals compared lowercased. */
  readonly lowercase: boolean;
  /** "without its trailing slash": one trailing `/` removed from the path and routes (not `/`). */
  readonly noTrailingSlash: boolean;
  /** "for a path ending in `/`, with an empty last parameter" (Fastify's reading of `/files/`). */
  readonly emptyLastParameter?: boolean;
}

/** A path (or an exact route path) in one spelling. A prefix route (`/api/*`) keeps its end. */
function respell(path: string, spelling: Spelling): string {
  let out = spelling.lowercase ? path.toLowerCase() : path;
  if (spelling.noTrailingSlash && out !== '/' && out.endsWith('/')) out = out.slice(0, -1);
  return out;
}

/**
 * The route that serves `path` for `method`, by index, or undefined when no route covers it.
 * "The most specific route wins: an exact path first, then more literal segments, then more
 * segments, then exact shapes before prefixes, then routes limited to the request's method; among
 * equals, the one declared first."
 */
export function resolveRoute(
  routes: readonly RouteOption[],
  target: string,
  method: string,
  spelling: Spelling = { lowercase: false, noTrailingSlash: false },
): number | undefined {
  const path = respell(pathPart(target), spelling);
  const candidates = routes
    .map((route, index) => {
      const literalPath = respell(route.path, spelling);
      const shape = shapeOf(literalPath);
      return { route, index, shape, literalPath };
    })
    .filter(
      ({ route, shape }) =>
        routeAppliesTo(route, method) &&
        shapeMatches(shape, path, spelling.emptyLastParameter === true),
    );
  const rank = (candidate: (typeof candidates)[number]): number[] => {
    const { shape, literalPath, route } = candidate;
    const literals = shape.segments.filter((segment) => typeof segment === 'string').length;
    return [
      literalPath === path && !shape.prefix && literals === shape.segments.length ? 0 : 1,
      -literals,
      -shape.segments.length,
      shape.prefix ? 1 : 0,
      routeMethods(route) === undefined ? 1 : 0,
      candidate.index,
    ];
  };
  candidates.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) {
      const d = (ra[i] as number) - (rb[i] as number);
      if (d !== 0) return d;
    }
    return 0;
  });
  return candidates[0]?.index;
}

/**
 * "Adapters tell the core how their router matches (`pathMatching`); where it cannot be known,
 * the core considers every way the router might match: the path as sent, in lowercase, and
 * without its trailing slash." A known value keeps only the matching way.
 */
export function spellingsFor(matching: PathMatching | undefined): Spelling[] {
  const cases =
    matching === undefined || matching.caseSensitive === 'unknown'
      ? [false, true]
      : [matching.caseSensitive === false];
  const slashes =
    matching === undefined || matching.trailingSlash === 'unknown'
      ? [false, true]
      : [matching.trailingSlash === 'ignored'];
  // A router that keeps the trailing slash may also read it as an empty last parameter.
  const keepsSlash = matching === undefined || matching.trailingSlash !== 'ignored';
  return cases.flatMap((lowercase) => [
    ...slashes.map((noTrailingSlash) => ({ lowercase, noTrailingSlash })),
    ...(keepsSlash ? [{ lowercase, noTrailingSlash: false, emptyLastParameter: true }] : []),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

/** What the oracle predicts for one request. */
export interface Prediction {
  readonly kind: 'non-cors' | 'preflight' | 'actual';
  /** The `Access-Control-Allow-Origin` value, or undefined for none. */
  readonly allowOrigin: string | undefined;
  /** Whether `Access-Control-Allow-Credentials: true` is sent. */
  readonly allowCredentials: boolean;
  /** The `Access-Control-Allow-Methods` value of an allowed preflight, or undefined. */
  readonly allowMethods: string | undefined;
  /** For CORS requests: whether the decision allows it. */
  readonly allowed: boolean;
  readonly status: number | undefined;
  /** A path-level reason, when the path alone decides; undefined when the policy decides. */
  readonly pathReason:
    | 'path-unsafe'
    | 'path-ambiguous'
    | 'path-not-covered'
    | 'cors-disabled'
    | undefined;
  /** A pure `origins: '*'` policy decided (its answers do not vary on Origin). */
  readonly staticWildcard?: boolean;
  /** Which policy applied: a route index, 'top level', or 'none'. For messages. */
  readonly applied: string;
  /** Not settled by the README for this request (the test then skips the comparison). */
  readonly unsettled?: string;
}

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];
const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];
/** "tokens longer than 64 bytes are refused" under `methods: '*'`. */
const MAX_WILDCARD_METHOD_LENGTH = 64;

/** RFC 9110 token. */
function isToken(value: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value);
}

/**
 * The table of "Tiers and routes: the rules": the `Access-Control-Allow-Origin` value and whether
 * credentials go with it, or undefined when the origin is not allowed.
 */
export function grantFor(
  policy: Policy,
  origin: string,
  request: ModelRequest,
): { readonly allowOrigin: string; readonly credentialed: boolean } | undefined {
  let allowed: boolean;
  if (policy.origins === '*') {
    allowed = true; // "`origins: '*'` | always"
  } else if (typeof policy.origins === 'function') {
    // "it is well-formed and the predicate returns `true`"; "Predicates see only well-formed
    // origins (never `null` unless opted in)".
    const callable = isWellFormedOrigin(origin) || (origin === 'null' && policy.allowNullOrigin);
    const predicate = policy.origins as (origin: string, request: ModelRequest) => unknown;
    allowed = callable && predicate(origin, request) === true;
  } else {
    allowed = listMatches(policy.origins as readonly string[], origin); // "exactly or by a pattern"
  }
  if (!allowed) return undefined;
  // "A credentialed grant needs both an allowed origin and a credentials match. The `credentials`
  // list only chooses which allowed origins send cookies; it never allows an origin by itself."
  const credentialed =
    policy.credentials === true ||
    (Array.isArray(policy.credentials) && listMatches(policy.credentials, origin));
  // "`origins: '*'`: always (the literal `*`, or its own origin when credentialed)"
  const allowOrigin = policy.origins === '*' && !credentialed ? '*' : origin;
  return { allowOrigin, credentialed };
}

/** Preflight method check: the `Access-Control-Allow-Methods` value, or false when refused. */
function allowMethodsFor(policy: Policy, method: string): string | undefined | false {
  // "An empty `Access-Control-Request-Method` is a failed preflight"; `method-malformed`: "not one
  // method token".
  if (!isToken(method)) return false;
  // "Methods allowed besides GET, HEAD and POST (which never need listing). Case-sensitive."
  // "`Access-Control-Allow-Methods` names the requested method (nothing for GET, HEAD, POST)".
  if (SAFELISTED_METHODS.includes(method)) return undefined;
  if (policy.methods === '*') {
    // "`'*'`: any method except CONNECT, TRACE and TRACK."
    if (FORBIDDEN_METHODS.includes(method.toUpperCase())) return false;
    if (method.length > MAX_WILDCARD_METHOD_LENGTH) return false;
    return method;
  }
  return policy.methods.includes(method) ? method : false;
}

/**
 * Preflight header check. "Request headers scripts may send, case-insensitive. `'*'`: any name
 * except Authorization; write `['*', 'Authorization']` to add it." ACRH "is parsed tolerantly
 * (OWS, empty elements, several lines, uppercase)". The length bounds are not modelled (the test
 * sends short values).
 */
function headersAllowed(policy: Policy, requested: string | undefined): boolean {
  if (requested === undefined) return true;
  const names = requested
    .split(',')
    .map((name) => name.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((name) => name !== '');
  const listed = policy.allowedHeaders === '*' ? ['*'] : policy.allowedHeaders;
  const wildcard = listed.includes('*');
  const allowed = listed.filter((name) => name !== '*').map((name) => name.toLowerCase());
  return names.every((name) => {
    if (!isToken(name)) return false;
    const lower = name.toLowerCase();
    return allowed.includes(lower) || (wildcard && lower !== 'authorization');
  });
}

type Kind = Prediction['kind'];

/** Fetch "HTTP requests": no Origin is not CORS; OPTIONS with Origin and ACRM is a preflight. */
function kindOf(request: ModelRequest): Kind {
  if (headerOf(request, 'origin') === undefined) return 'non-cors';
  if (
    request.method === 'OPTIONS' &&
    headerOf(request, 'access-control-request-method') !== undefined
  )
    return 'preflight';
  return 'actual';
}

/**
 * The method the route must handle: "for a preflight, the method it asks about
 * (`Access-Control-Request-Method`), so a preflight and its actual request get the same policy".
 */
function routingMethod(request: ModelRequest, kind: Kind): string {
  if (kind === 'preflight') return headerOf(request, 'access-control-request-method') as string;
  return request.method;
}

/** No CORS answer from this layer: nothing granted, the path alone decided. */
function untouched(
  kind: Kind,
  pathReason: NonNullable<Prediction['pathReason']>,
  applied: string,
): Prediction {
  // "path-unsafe ... gets no CORS access at all"; path-ambiguous: "preflights answered with
  // 403"; "A denied preflight gets 403". `disabled` and "no CORS handling": "no headers,
  // preflights handed on" (status undefined).
  const answered = pathReason === 'path-unsafe' || pathReason === 'path-ambiguous';
  return {
    kind,
    allowOrigin: undefined,
    allowCredentials: false,
    allowMethods: undefined,
    allowed: kind === 'non-cors',
    status: kind === 'preflight' && answered ? 403 : undefined,
    pathReason,
    applied,
  };
}

/** The decision of one policy for one request (the path already resolved). */
function decideWith(
  policy: Policy,
  request: ModelRequest,
  kind: Kind,
  applied: string,
): Prediction {
  const denied: Prediction = {
    kind,
    allowOrigin: undefined,
    allowCredentials: false,
    allowMethods: undefined,
    allowed: false,
    // "A denied preflight gets 403 and no `Access-Control-Allow-*` header."
    status: kind === 'preflight' ? 403 : undefined,
    pathReason: undefined,
    // "Only a pure `origins: '*'` policy omits [`Vary: Origin`]; it then sends its static
    // `Access-Control-Allow-Origin: *` on non-CORS responses too." Pure: no credentialed tier.
    staticWildcard: policy.origins === '*' && policy.credentials === false,
    applied,
  };
  if (kind === 'non-cors') {
    return { ...denied, allowed: true, allowOrigin: denied.staticWildcard ? '*' : undefined };
  }
  const origin = headerOf(request, 'origin') as string;
  const grant = grantFor(policy, origin, request);
  if (grant === undefined) return denied;
  if (kind === 'actual') {
    // Fetch "CORS check": an allowed origin gets ACAO (and ACAC); the handler runs either way.
    return {
      ...denied,
      allowed: true,
      allowOrigin: grant.allowOrigin,
      allowCredentials: grant.credentialed,
    };
  }
  // "origin, then method, then headers, in the order the browser checks"
  const method = headerOf(request, 'access-control-request-method') as string;
  const allowMethods = allowMethodsFor(policy, method);
  if (allowMethods === false) return denied;
  if (!headersAllowed(policy, headerOf(request, 'access-control-request-headers'))) return denied;
  return {
    ...denied,
    allowed: true,
    allowOrigin: grant.allowOrigin,
    allowCredentials: grant.credentialed,
    allowMethods,
    status: 204, // "An allowed preflight gets 204"
  };
}

/** The route a spelling names: a route index, or 'none' (top level or not covered). */
type Target = number | 'none';

/**
 * When the spellings of a lenient router's path lead to different routes:
 * - `'answers'` (the README: "The request gets the answer all the routes these spellings reach
 *   would give; where they would answer differently, it gets no CORS access");
 * - `'routes'`: no CORS access whenever they name different routes (stricter; kept to tell the
 *   two readings apart).
 */
export type AmbiguityRule = 'routes' | 'answers';

/**
 * What `createCors(options).decide(request)` should answer, for valid options.
 */
export function predictDecision(
  options: CorsOptions,
  request: ModelRequest,
  ambiguity: AmbiguityRule = 'answers',
): Prediction {
  const kind = kindOf(request);
  const topLevel = written(options);
  const topLevelPolicy = policyOf(topLevel);
  const routes = options.routes ?? [];
  if (routes.length === 0) {
    // The path is read only "when the policy has `routes`".
    return decideWith(topLevelPolicy as Policy, request, kind, 'top level');
  }
  const target = request.path ?? '/';
  if (isUnsafePath(target)) return untouched(kind, 'path-unsafe', 'none');

  const method = routingMethod(request, kind);
  const targets = [
    ...new Set<Target>(
      spellingsFor(request.pathMatching).map(
        (spelling) => resolveRoute(routes, target, method, spelling) ?? 'none',
      ),
    ),
  ];
  const decideAt = (at: Target): Prediction => {
    if (at === 'none') {
      // "Without a top-level `origins`, paths no route covers get no CORS handling"
      if (topLevelPolicy === undefined) return untouched(kind, 'path-not-covered', 'none');
      return decideWith(topLevelPolicy, request, kind, 'top level');
    }
    const route = routes[at] as RouteOption;
    // "`disabled: true` leaves the path entirely to the application (no headers, preflights
    // handed on)."
    if (route.disabled === true) return untouched(kind, 'cors-disabled', `routes[${at}]`);
    const policy = policyOf(inherit(topLevel, written(route))) as Policy;
    return decideWith(policy, request, kind, `routes[${at}]`);
  };
  if (targets.length === 1) return decideAt(targets[0] as Target);

  if (ambiguity === 'answers' && kind !== 'non-cors') {
    // Same answer: same headers, status and Vary. Vary is not modelled beyond this: nothing for
    // paths left to the application and for a pure '*' actual request, else Origin (actual) or
    // the preflight set.
    const vary = (answer: Prediction): string =>
      answer.pathReason === 'path-not-covered' || answer.pathReason === 'cors-disabled'
        ? 'none'
        : kind === 'preflight'
          ? 'preflight'
          : answer.staticWildcard === true
            ? 'none'
            : 'origin';
    const signature = (answer: Prediction): string =>
      JSON.stringify([
        answer.allowOrigin,
        answer.allowCredentials,
        answer.allowMethods,
        answer.allowed,
        answer.status,
        vary(answer),
      ]);
    const answers = targets.map(decideAt);
    const first = answers[0] as Prediction;
    if (answers.every((answer) => signature(answer) === signature(first))) {
      const reasons = new Set(answers.map((answer) => answer.pathReason));
      return {
        ...first,
        pathReason: reasons.size === 1 ? first.pathReason : undefined,
        applied: answers.map((answer) => answer.applied).join(' = '),
      };
    }
  }
  // "If these name different routes, the request gets no CORS access (reason `path-ambiguous`,
  // preflights answered with 403)". The README does not say what a request without Origin gets.
  const ambiguous = untouched(kind, 'path-ambiguous', targets.join(' / '));
  return kind === 'non-cors'
    ? { ...ambiguous, unsettled: 'a non-CORS request on an ambiguous path' }
    : ambiguous;
}
