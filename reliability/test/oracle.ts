import type { OracleDescription, OriginRule, PolicyRules } from '../src/policies.ts';
import type { AdapterId } from '../src/servers/index.ts';

/**
 * The fuzz's oracle: which responses a policy permits, computed from the policy's plain-data
 * description (`oracle` in src/policies.ts) by a matcher written here from the README's rules,
 * sharing no code with Corsica.
 *
 * It is conservative about paths: a request target may reach a handler under any of its
 * readings (as sent, percent-decoded, dot segments resolved, lowercase, without a trailing
 * slash...), so a grant is permitted only if every reading's rules permit it.
 * Only what a framework documents about its router narrows the readings: fastify and Hono route
 * case-sensitively by default, and Hono routes on a path it has already percent-decoded.
 */

// --- Origins -----------------------------------------------------------------------------------

export interface ParsedOrigin {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number | undefined;
}

/**
 * WHATWG's forbidden domain code points, plus `.` (the label separator) and uppercase (a
 * serialized host is lowercase). What is left may appear in a label a browser serializes.
 */
function isLabelChar(code: number): boolean {
  if (code <= 0x20 || code >= 0x7f) return false;
  if (code >= 0x41 && code <= 0x5a) return false;
  return !'#%/:<>?@[\\]^|.'.includes(String.fromCharCode(code));
}

function isCanonicalIPv4(host: string): boolean {
  const parts = host.split('.');
  return (
    parts.length === 4 &&
    parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)
  );
}

/** A serialized origin as a browser sends it in `Origin`, or `undefined`. */
export function parseOrigin(value: string): ParsedOrigin | undefined {
  const match = /^(https?):\/\/(.+)$/.exec(value);
  if (match === null) return undefined;
  const scheme = match[1] as 'http' | 'https';
  let rest = match[2] as string;
  let host: string;
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    if (end === -1) return undefined;
    host = rest.slice(0, end + 1);
    if (!/^\[[0-9a-f:.]+\]$/.test(host) || !host.includes(':')) return undefined;
    rest = rest.slice(end + 1);
  } else {
    const colon = rest.indexOf(':');
    host = colon === -1 ? rest : rest.slice(0, colon);
    rest = colon === -1 ? '' : rest.slice(colon);
    const labels = host.split('.');
    if (labels.some((label) => label === '')) return undefined;
    for (let i = 0; i < host.length; i++) {
      const code = host.charCodeAt(i);
      if (code !== 0x2e && !isLabelChar(code)) return undefined;
    }
    // A host whose last label is numeric is an IPv4 address to a browser: canonical or nothing.
    if (/^[0-9]+$/.test(labels.at(-1) as string) && !isCanonicalIPv4(host)) return undefined;
  }
  let port: number | undefined;
  if (rest !== '') {
    const portMatch = /^:([1-9][0-9]{0,4})$/.exec(rest);
    if (portMatch === null) return undefined;
    port = Number(portMatch[1]);
    if (port > 65535) return undefined;
    if ((scheme === 'https' && port === 443) || (scheme === 'http' && port === 80))
      return undefined;
  }
  return { scheme, host, port };
}

function matchesRule(origin: string, parsed: ParsedOrigin, rule: OriginRule): boolean {
  if ('exact' in rule) return origin === rule.exact;
  if (parsed.scheme !== rule.scheme) return false;
  if ('subdomainsOf' in rule) {
    return (
      parsed.port === undefined &&
      parsed.host.endsWith(`.${rule.subdomainsOf}`) &&
      parsed.host.length > rule.subdomainsOf.length + 1
    );
  }
  return parsed.host === rule.host;
}

function matchesAny(origin: string, rules: readonly OriginRule[]): boolean {
  const parsed = parseOrigin(origin);
  return parsed !== undefined && rules.some((rule) => matchesRule(origin, parsed, rule));
}

/** May `origin` read responses under these rules (its own origin echoed back)? */
export function originAllowed(rules: PolicyRules, origin: string): boolean {
  if (rules.origins === 'any') return parseOrigin(origin) !== undefined;
  return matchesAny(origin, rules.origins);
}

/** May `origin` read responses with credentials? */
export function credentialsAllowed(rules: PolicyRules, origin: string): boolean {
  if (!originAllowed(rules, origin)) return false;
  if (rules.credentials === true) return true;
  if (rules.credentials === false) return false;
  return matchesAny(origin, rules.credentials);
}

// --- Methods and headers -----------------------------------------------------------------------

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];
const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];

export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

export function methodAllowed(rules: PolicyRules, method: string): boolean {
  if (!isToken(method)) return false;
  if (SAFELISTED_METHODS.includes(method)) return true;
  if (rules.methods === 'any') return !FORBIDDEN_METHODS.includes(method.toUpperCase());
  return rules.methods.includes(method);
}

export function headerAllowed(rules: PolicyRules, name: string): boolean {
  const lower = name.toLowerCase();
  if (!isToken(lower)) return false;
  if (rules.headers === 'any') return lower !== 'authorization';
  return rules.headers.includes(lower);
}

/** The names in `Access-Control-Request-Headers`, or `undefined` when one is not a token. */
export function requestedHeaderNames(value: string | undefined): string[] | undefined {
  if (value === undefined) return [];
  const names = value
    .split(',')
    .map((name) => trimOws(name))
    .filter((name) => name !== '');
  return names.every(isToken) ? names.map((name) => name.toLowerCase()) : undefined;
}

// --- Paths -------------------------------------------------------------------------------------

export function trimOws(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, '');
}

function percentDecode(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

function resolveSegments(path: string): string {
  const segments: string[] = [];
  for (const segment of path.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}${path.endsWith('/') && segments.length > 0 ? '/' : ''}`;
}

/** What the oracle knows of how a server's router reads a path, from the frameworks' docs. */
export interface Router {
  /** fastify (`caseSensitive: true` by default) and Hono: no lowercase reading. */
  readonly caseSensitive: boolean;
  /** Hono matches `c.req.path`: decoded, except `%25` and reserved characters. */
  readonly decodesFirst: boolean;
  /**
   * `/admin;x` read as `/admin`: fastify's `useSemicolonDelimiter` (off by default since fastify
   * 5). None of the servers here sets it, and Express, Koa's router and Hono match `;` literally.
   */
  readonly semicolonDelimiter: boolean;
}

/** Unknown or case-insensitive routers: every reading. */
export const ANY_ROUTER: Router = {
  caseSensitive: false,
  decodesFirst: false,
  semicolonDelimiter: false,
};

export const ROUTERS: Readonly<Record<AdapterId, Router>> = {
  express: ANY_ROUTER,
  koa: ANY_ROUTER,
  'node-http': ANY_ROUTER,
  fetch: ANY_ROUTER,
  'nest-express': ANY_ROUTER,
  fastify: { ...ANY_ROUTER, caseSensitive: true },
  'nest-fastify': { ...ANY_ROUTER, caseSensitive: true },
  hono: { ...ANY_ROUTER, caseSensitive: true, decodesFirst: true },
  // The adapter routes on the raw target; hapi's router is case-sensitive by default.
  hapi: { ...ANY_ROUTER, caseSensitive: true },
};

/** `decodeURI`'s reading, keeping `%25` too: what Hono routes on. */
function decodeUnreserved(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (sequence, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return char < '\x80' && !';/?:@&=+$,#%'.includes(char) ? char : sequence;
  });
}

/** Every path a router might read the request target as. */
export function pathReadings(target: string, router: Router = ANY_ROUTER): string[] {
  let path = target;
  const readings = new Set<string>();
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      path = '/';
    }
  }
  const cut = path.search(/[?#]/);
  if (cut !== -1) path = path.slice(0, cut);
  const bases = router.decodesFirst ? [decodeUnreserved(path)] : [path, percentDecode(path)];
  for (const base of [...bases]) bases.push(resolveSegments(base));
  if (router.semicolonDelimiter) {
    for (const base of [...bases]) {
      const semicolon = base.indexOf(';');
      if (semicolon !== -1) bases.push(base.slice(0, semicolon));
    }
  }
  for (const base of bases) {
    for (const spelling of router.caseSensitive ? [base] : [base, base.toLowerCase()]) {
      readings.add(spelling);
      readings.add(spelling.replace(/\/+$/, '') || '/');
    }
  }
  return [...readings];
}

export function rulesForPath(description: OracleDescription, path: string): PolicyRules {
  for (const route of description.routes) {
    if (path === route.prefix || path.startsWith(`${route.prefix}/`)) return route.rules;
  }
  return description;
}

/** The rules of every reading of the target: a grant must satisfy them all. */
export function rulesForTarget(
  description: OracleDescription,
  target: string,
  router: Router = ANY_ROUTER,
): PolicyRules[] {
  const all = pathReadings(target, router).map((path) => rulesForPath(description, path));
  return [...new Set(all)];
}

// --- Judging a response ------------------------------------------------------------------------

export interface SentRequest {
  readonly method: string;
  readonly path: string;
  /** Field lines as sent, in order (without Host). */
  readonly headers: readonly (readonly [string, string])[];
}

export interface ReceivedResponse {
  readonly status: number;
  /** Field lines by lowercase name, in order. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
}

/** The field lines of `name` as the server receives them: trimmed of OWS, in order. */
export function linesOf(request: SentRequest, name: string): string[] {
  const lower = name.toLowerCase();
  return request.headers
    .filter(([field]) => field.toLowerCase() === lower)
    .map(([, value]) => trimOws(value));
}

/** What a server sees as one header: its field lines joined by `, `, or `undefined`. */
export function joined(request: SentRequest, name: string): string | undefined {
  const lines = linesOf(request, name);
  return lines.length === 0 ? undefined : lines.join(', ');
}

export function isPreflight(request: SentRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    linesOf(request, 'origin').length > 0 &&
    linesOf(request, 'access-control-request-method').length > 0
  );
}

/**
 * What the response does that the policy does not permit: the fuzz's invariants, each a short
 * sentence. Empty when the response is within the policy.
 */
export function violations(
  description: OracleDescription,
  request: SentRequest,
  response: ReceivedResponse,
  router: Router = ANY_ROUTER,
): string[] {
  const found: string[] = [];
  const header = (name: string): readonly string[] => response.headers[name] ?? [];
  const acao = header('access-control-allow-origin');
  const acac = header('access-control-allow-credentials');
  const rules = rulesForTarget(description, request.path, router);
  const origins = linesOf(request, 'origin');

  if (acao.length > 1) found.push(`${acao.length} Access-Control-Allow-Origin lines`);
  if (acao.includes('*') && acac.length > 0)
    found.push('Access-Control-Allow-Origin: * with credentials');
  if (acac.length > 0 && (acac.length !== 1 || acac[0] !== 'true'))
    found.push(`Access-Control-Allow-Credentials ${JSON.stringify(acac)}`);

  for (const value of acao) {
    if (value === '*') {
      if (!rules.every((rule) => rule.origins === 'any'))
        found.push('Access-Control-Allow-Origin: * where the policy lists its origins');
      continue;
    }
    if (origins.length !== 1) {
      found.push(
        `Access-Control-Allow-Origin ${JSON.stringify(value)} for ${origins.length} Origin lines`,
      );
      continue;
    }
    if (value !== origins[0]) {
      found.push(
        `Access-Control-Allow-Origin ${JSON.stringify(value)} is not the request's Origin`,
      );
      continue;
    }
    if (!rules.every((rule) => originAllowed(rule, value)))
      found.push(
        `Access-Control-Allow-Origin for ${JSON.stringify(value)}, which the policy does not allow`,
      );
    if (acac.length > 0 && !rules.every((rule) => credentialsAllowed(rule, value)))
      found.push(`credentials for ${JSON.stringify(value)}, which the policy does not give them`);
  }
  if (acac.length > 0 && acao.length === 0)
    found.push('Access-Control-Allow-Credentials without an origin');

  // Preflight grants: only for what the policy allows, and nothing granted without an origin.
  const allowLines = Object.keys(response.headers).filter(
    (name) => name.startsWith('access-control-allow-') && name !== 'access-control-allow-origin',
  );
  if (acao.length === 0 && allowLines.some((name) => name !== 'access-control-allow-credentials'))
    found.push(`${allowLines.join(', ')} without Access-Control-Allow-Origin`);
  if (isPreflight(request) && acao.length > 0) {
    const method = joined(request, 'access-control-request-method') as string;
    if (!rules.every((rule) => methodAllowed(rule, method)))
      found.push(`preflight granted for method ${JSON.stringify(method)}`);
    const names = requestedHeaderNames(joined(request, 'access-control-request-headers'));
    if (names === undefined) found.push('preflight granted for malformed request headers');
    else {
      const denied = names.filter((name) => !rules.every((rule) => headerAllowed(rule, name)));
      if (denied.length > 0) found.push(`preflight granted for headers ${JSON.stringify(denied)}`);
    }
    for (const value of header('access-control-allow-methods')) {
      for (const allowed of value.split(',').map(trimOws)) {
        if (allowed !== method || !rules.every((rule) => methodAllowed(rule, allowed)))
          found.push(
            `Access-Control-Allow-Methods ${JSON.stringify(value)} for ${JSON.stringify(method)}`,
          );
      }
    }
    for (const value of header('access-control-allow-headers')) {
      for (const allowed of value.split(',').map(trimOws)) {
        if (!(names ?? []).includes(allowed.toLowerCase()))
          found.push(
            `Access-Control-Allow-Headers ${JSON.stringify(value)} names what was not asked`,
          );
      }
    }
    if (header('access-control-allow-private-network').length > 0) {
      const asked = joined(request, 'access-control-request-private-network') === 'true';
      if (!asked || !rules.every((rule) => rule.privateNetwork))
        found.push('Access-Control-Allow-Private-Network without the opt-in or the question');
    }
  } else if (header('access-control-allow-private-network').length > 0) {
    found.push('Access-Control-Allow-Private-Network on a request that is not a preflight');
  }
  return found;
}

/**
 * For a request a browser could send (see `clean` in the generators), what the response must
 * grant: `undefined` for no access, otherwise the `Access-Control-Allow-Origin` value and
 * whether credentials come with it.
 */
export function expectedGrant(
  description: OracleDescription,
  request: SentRequest,
  router: Router = ANY_ROUTER,
): { readonly allowOrigin: string; readonly credentials: boolean } | undefined {
  const rules = rulesForTarget(description, request.path, router);
  if (rules.length !== 1) return undefined;
  const rule = rules[0] as PolicyRules;
  const origin = linesOf(request, 'origin')[0] as string;
  if (!originAllowed(rule, origin)) return undefined;
  if (isPreflight(request)) {
    const method = joined(request, 'access-control-request-method') as string;
    const names = requestedHeaderNames(joined(request, 'access-control-request-headers'));
    if (!methodAllowed(rule, method)) return undefined;
    if (names === undefined || !names.every((name) => headerAllowed(rule, name))) return undefined;
  }
  const credentials = credentialsAllowed(rule, origin);
  return {
    allowOrigin: rule.origins === 'any' && !credentials ? '*' : origin,
    credentials,
  };
}
