import type { PolicyView } from './decision.ts';
import { Decision } from './decision.ts';
import { ACRM, CONTENT_LENGTH, ORIGIN } from './headers.ts';
import { isUnsafePath } from './path-safety.ts';
import type { CompiledPolicy } from './policy.ts';
import { RoutePattern } from './route-pattern.ts';
import { routingMethodOf } from './routing-method.ts';
import type { CorsDenialReason, CorsHeader, CorsRequest } from './types.ts';
import { NO_VARY, VARY_ORIGIN, VARY_PREFLIGHT } from './vary.ts';

/**
 * Per-path policies (flask-cors `resources` style), with semantics chosen to close the path
 * confusion bugs of flask-cors (CVE-2024-6839 ordering, -6866 case folding, -6844 decoding):
 * - matched against the path the adapter passes (the one its router matches on) up to `?`,
 *   case-sensitive, never decoded here;
 * - the most specific route wins: an exact path, then more literal segments, then longer shapes,
 *   then exact shapes before prefixes, then routes restricted to the request's method;
 * - a target a router may read as another path (dot segments, `//`, backslashes, encoded
 *   slashes, backslashes or unreserved characters, absolute-form URLs) gets no CORS allowance.
 */

export type RouteTarget =
  | { readonly kind: 'policy'; readonly policy: CompiledPolicy }
  | { readonly kind: 'disabled' };

/** A route as declared: its path, the methods it is limited to, and what it applies. */
export interface DeclaredRoute {
  readonly path: string;
  readonly methods: readonly string[] | undefined;
  readonly target: RouteTarget;
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
  readonly #exact = new Map<string, RoutePattern<RouteTarget>[]>();
  readonly #patterns: RoutePattern<RouteTarget>[] = [];
  readonly #fallback: CompiledPolicy | undefined;

  constructor(routes: readonly DeclaredRoute[], fallback: CompiledPolicy | undefined) {
    for (const { path, methods, target } of routes) {
      const route = new RoutePattern(path, methods, target);
      if (route.exactPath === undefined) {
        this.#patterns.push(route);
      } else {
        const samePath = this.#exact.get(route.exactPath) ?? [];
        samePath.push(route);
        samePath.sort(RoutePattern.bySpecificity);
        this.#exact.set(route.exactPath, samePath);
      }
    }
    this.#patterns.sort(RoutePattern.bySpecificity);
    this.#fallback = fallback;
  }

  decide(request: CorsRequest): Decision | Promise<Decision> {
    const path = request.path ?? '/';
    let end = path.indexOf('?');
    if (end === -1) end = path.length;
    // Only origin-form targets (`/path`) are matched: routers resolve an absolute-form target
    // (`http://host/path`) to its path, which no route literal would then see.
    if (path.charCodeAt(0) !== 47 || isUnsafePath(path, end)) {
      return this.#unsafe(request, path.slice(0, end));
    }
    const target = this.#resolve(path, end, routingMethodOf(request));
    if (target === undefined)
      return this.#untouched(request, path.slice(0, end), 'path-not-covered');
    if (target.kind === 'disabled')
      return this.#untouched(request, path.slice(0, end), 'cors-disabled');
    return target.policy.decide(request);
  }

  #resolve(path: string, end: number, method: string): RouteTarget | undefined {
    const exact = this.#exact.get(end === path.length ? path : path.slice(0, end));
    if (exact !== undefined) {
      for (const route of exact) if (route.appliesTo(method)) return route.target;
    }
    for (const route of this.#patterns) {
      if (route.appliesTo(method) && route.matches(path, end)) return route.target;
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
    if (this.#fallback !== undefined) {
      return this.#fallback.deny(classified.kind, classified.origin, 'path-unsafe', path);
    }
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
