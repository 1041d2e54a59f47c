import type { PolicyView } from './decision.ts';
import { Decision } from './decision.ts';
import { ACRM, CONTENT_LENGTH, ORIGIN } from './headers.ts';
import type { CompiledPolicy } from './policy.ts';
import type { CorsDenialReason, CorsHeader, CorsRequest } from './types.ts';
import { NO_VARY, VARY_ORIGIN, VARY_PREFLIGHT } from './vary.ts';

/**
 * Per-path policies (flask-cors `resources` style), with semantics chosen to close the path
 * confusion bugs of flask-cors (CVE-2024-6839 ordering, -6866 case folding, -6844 decoding):
 * - matched against the raw request path up to `?`: no percent-decoding, case-sensitive;
 * - `/health` matches that path only; `/api/*` matches `/api`, `/api/` and everything below,
 *   never `/apix`; an exact path beats every prefix, and the longest prefix wins;
 * - a path that routers may resolve to another path (dot segments, `//`, a backslash, an encoded
 *   slash, backslash or unreserved character such as `%2e` or `%61`), and a request target that
 *   is not a path (absolute-form `http://host/path`), get no CORS allowance at all.
 */

export type RouteTarget =
  | { readonly kind: 'policy'; readonly policy: CompiledPolicy }
  | { readonly kind: 'disabled' };

interface PrefixRoute {
  /** `/api/` for `/api/*`. */
  readonly literal: string;
  /** `/api` for `/api/*`: the prefix itself also matches. */
  readonly bare: string;
  readonly target: RouteTarget;
}

/** Whether a route path as written in a policy is valid; returns the reason when it is not. */
export function routePathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with "/"';
  if (/[?#]/.test(path)) return 'must not contain a query or fragment';
  const star = path.indexOf('*');
  if (star !== -1 && (star !== path.length - 1 || !path.endsWith('/*'))) {
    return "may only end with '/*' (a segment-aware prefix), with no other '*'";
  }
  if (isUnsafePath(path, path.length))
    return 'must not contain dot segments or encoded dots, slashes or backslashes';
  return undefined;
}

/** The value of two hex digits, or -1. */
function hexByte(high: number, low: number): number {
  const digit = (code: number): number => {
    if (code >= 48 && code <= 57) return code - 48;
    const letter = code | 0x20;
    return letter >= 97 && letter <= 102 ? letter - 87 : -1;
  };
  const h = digit(high);
  const l = digit(low);
  return h < 0 || l < 0 ? -1 : h * 16 + l;
}

/** RFC 3986 §2.3 unreserved: clients never percent-encode these, routers that decode see them plain. */
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 48 && byte <= 57) || // 0-9
    ((byte | 0x20) >= 97 && (byte | 0x20) <= 122) || // A-Z a-z
    byte === 45 || // -
    byte === 46 || // .
    byte === 95 || // _
    byte === 126 // ~
  );
}

/**
 * Whether routers may resolve `path` to another path than its literal text: dot segments (`/./`,
 * `/../`, a trailing `/.` or `/..`), an empty segment (`//`, which some servers merge), a
 * backslash, or a percent-encoded slash, backslash or unreserved character (`%2e`, `%2F`, `%5c`,
 * `%61`…), which routers that decode before matching (Fastify, Hono) read as plain text.
 * One pass, no allocation.
 */
export function isUnsafePath(path: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const code = path.charCodeAt(i);
    if (code === 92) return true; // '\'
    if (code === 47 && i + 1 < end && path.charCodeAt(i + 1) === 47) return true; // '//'
    if (code === 37 && i + 2 < end) {
      const byte = hexByte(path.charCodeAt(i + 1), path.charCodeAt(i + 2));
      if (byte === 0x2f || byte === 0x5c || (byte >= 0 && isUnreserved(byte))) return true;
    }
    if (code === 46 && (i === 0 || path.charCodeAt(i - 1) === 47)) {
      let j = i + 1;
      if (j < end && path.charCodeAt(j) === 46) j++;
      if (j === end || path.charCodeAt(j) === 47) return true;
    }
  }
  return false;
}

const NO_POLICY: PolicyView = {
  origins: 'no origin on this path',
  methods: 'none',
  methodNames: [],
  allowedHeaders: 'none',
  maxNames: 0,
  maxTotalLength: 0,
  allowNullOrigin: false,
};

const NON_CORS_UNTOUCHED: Decision = passive('non-cors', undefined, undefined, undefined, NO_VARY);

function passive(
  kind: Decision['kind'],
  origin: string | undefined,
  reason: CorsDenialReason | undefined,
  value: string | undefined,
  vary: readonly string[],
  headers: readonly CorsHeader[] = [],
  status?: number,
): Decision {
  return new Decision(
    kind,
    reason === undefined,
    origin,
    reason,
    value,
    headers,
    vary,
    status,
    NO_POLICY,
  );
}

export class RouteTable {
  readonly #exact = new Map<string, RouteTarget>();
  readonly #prefixes: PrefixRoute[] = [];
  readonly #fallback: CompiledPolicy | undefined;

  constructor(
    routes: readonly { readonly path: string; readonly target: RouteTarget }[],
    fallback: CompiledPolicy | undefined,
  ) {
    for (const { path, target } of routes) {
      if (path.endsWith('/*')) {
        const literal = path.slice(0, -1);
        this.#prefixes.push({
          literal,
          bare: literal.length > 1 ? literal.slice(0, -1) : literal,
          target,
        });
      } else {
        this.#exact.set(path, target);
      }
    }
    this.#prefixes.sort((a, b) => b.literal.length - a.literal.length);
    this.#fallback = fallback;
  }

  decide(request: CorsRequest): Decision | Promise<Decision> {
    const path = request.path ?? '/';
    let end = path.indexOf('?');
    if (end === -1) end = path.length;
    // Only origin-form targets (`/path`) are matched: routers resolve an absolute-form target
    // (`http://host/path`) to its path, which no route literal would then see.
    if (path.charCodeAt(0) !== 47 || isUnsafePath(path, end))
      return this.#unsafe(request, path.slice(0, end));
    const target = this.#resolve(end === path.length ? path : path.slice(0, end));
    if (target === undefined)
      return this.#untouched(request, path.slice(0, end), 'path-not-covered');
    if (target.kind === 'disabled')
      return this.#untouched(request, path.slice(0, end), 'cors-disabled');
    return target.policy.decide(request);
  }

  #resolve(
    path: string,
  ): { kind: 'policy'; policy: CompiledPolicy } | { kind: 'disabled' } | undefined {
    const exact = this.#exact.get(path);
    if (exact !== undefined) return exact;
    for (const prefix of this.#prefixes) {
      if (path.startsWith(prefix.literal) || path === prefix.bare) return prefix.target;
    }
    return this.#fallback === undefined ? undefined : { kind: 'policy', policy: this.#fallback };
  }

  /** No policy applies: the CORS layer stays out of the way (no headers, no Vary, no answer). */
  #untouched(request: CorsRequest, path: string, reason: CorsDenialReason): Decision {
    const classified = classify(request);
    if (classified === undefined) return NON_CORS_UNTOUCHED;
    return passive(classified.kind, classified.origin, reason, path, NO_VARY);
  }

  /** A path routers may resolve differently: deny CORS outright, and answer such preflights. */
  #unsafe(request: CorsRequest, path: string): Decision {
    const classified = classify(request);
    if (classified === undefined)
      return passive('non-cors', undefined, undefined, undefined, VARY_ORIGIN);
    if (this.#fallback !== undefined)
      return this.#fallback.deny(classified.kind, classified.origin, 'path-unsafe', path);
    return classified.kind === 'preflight'
      ? passive(
          'preflight',
          classified.origin,
          'path-unsafe',
          path,
          VARY_PREFLIGHT,
          [[CONTENT_LENGTH, '0']],
          403,
        )
      : passive('actual', classified.origin, 'path-unsafe', path, VARY_ORIGIN);
  }
}

/** Fetch "HTTP requests": preflight, actual, or (undefined) not a CORS request. */
function classify(
  request: CorsRequest,
): { kind: 'preflight' | 'actual'; origin: string } | undefined {
  const origin = request.header(ORIGIN);
  if (origin === undefined || origin === null) return undefined;
  const value = typeof origin === 'string' ? origin : origin.join(', ');
  const acrm = request.method === 'OPTIONS' ? request.header(ACRM) : undefined;
  return { kind: acrm === undefined || acrm === null ? 'actual' : 'preflight', origin: value };
}
