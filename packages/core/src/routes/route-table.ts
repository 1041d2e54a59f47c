import { Decision } from '../decision.ts';
import { NO_POLICY } from '../messages/policy-view.ts';
import type { CompiledPolicy } from '../policy.ts';
import { classifyRequest, routingMethodOf } from '../protocol/classify.ts';
import { ORIGIN } from '../protocol/headers.ts';
import { NO_VARY, VARY_ORIGIN, VARY_PREFLIGHT } from '../protocol/vary.ts';
import type { CorsDenialReason, CorsHeader, CorsRequest } from '../types.ts';
import { isUnsafePath } from './path-safety.ts';
import { normalizeRoutePath, RoutePattern } from './route-pattern.ts';

/**
 * Per-path policies (flask-cors `resources` style), with semantics chosen to close the path
 * confusion bugs of flask-cors (CVE-2024-6839 ordering, -6866 case folding, -6844 decoding):
 * - matched against the path the adapter passes (the one its router matches on) up to `?` or `#`,
 *   never decoded here;
 * - the most specific route wins: an exact path, then more literal segments, then longer shapes,
 *   then exact shapes before prefixes, then routes restricted to the request's method;
 * - a target a router may read as another path (dot segments, `//`, backslashes, encoded
 *   slashes, backslashes or unreserved characters, absolute-form URLs), or whose path cannot be
 *   read, gets no CORS allowance;
 * - no spelling of a path gets a more permissive policy than the handler it reaches: where the
 *   router may ignore letter case or a trailing slash, every way it might match is considered,
 *   and spellings that name different routes get no CORS allowance either.
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

const NON_CORS_UNTOUCHED: Decision = passive('non-cors', undefined, undefined, undefined, NO_VARY);

/** A decision made here, where no policy applies. */
function passive(
  kind: Decision['kind'],
  origin: string | undefined,
  reason: CorsDenialReason | undefined,
  value: string | undefined,
  vary: readonly string[],
  status?: number,
): Decision {
  return new Decision(
    kind,
    reason === undefined,
    origin,
    reason,
    value,
    [],
    vary,
    status,
    NO_POLICY,
  );
}

/** The routes as a router matching one way (case folded or not, trailing slash stripped or not) sees them. */
class RouteIndex {
  readonly #exact = new Map<string, RoutePattern<RouteTarget>[]>();
  readonly #patterns: RoutePattern<RouteTarget>[] = [];

  constructor(routes: readonly DeclaredRoute[], fold: boolean, strip: boolean) {
    for (const { path, methods, target } of routes) {
      const route = new RoutePattern(normalizeRoutePath(path, fold, strip), methods, target);
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
  }

  /** The most specific route for `path.slice(0, end)` and `method`, or undefined. */
  find(
    path: string,
    end: number,
    method: string,
    emptyLastParameter: boolean,
  ): RouteTarget | undefined {
    const exact = this.#exact.get(end === path.length ? path : path.slice(0, end));
    if (exact !== undefined) {
      for (const route of exact) if (route.appliesTo(method)) return route.target;
    }
    for (const route of this.#patterns) {
      if (route.appliesTo(method) && route.matches(path, end, emptyLastParameter)) {
        return route.target;
      }
    }
    return undefined;
  }
}

/** Which spellings of the path a router may match: bit 1 as sent, bit 2 normalized. */
const AS_SENT = 1;
const NORMALIZED = 2;
const EITHER = AS_SENT | NORMALIZED;

export class RouteTable {
  /** By `fold * 2 + strip`. */
  readonly #indexes: readonly RouteIndex[];
  readonly #fallback: CompiledPolicy | undefined;
  readonly #fallbackTarget: RouteTarget | undefined;
  /** Some route has an uppercase letter: case folding can change what even a lowercase path matches. */
  readonly #caseMatters: boolean;
  /** Some exact or parameter route ends with `/`: stripping can change what any path matches. */
  readonly #slashMatters: boolean;

  constructor(routes: readonly DeclaredRoute[], fallback: CompiledPolicy | undefined) {
    this.#indexes = [
      new RouteIndex(routes, false, false),
      new RouteIndex(routes, false, true),
      new RouteIndex(routes, true, false),
      new RouteIndex(routes, true, true),
    ];
    this.#fallback = fallback;
    this.#fallbackTarget =
      fallback === undefined ? undefined : { kind: 'policy', policy: fallback };
    this.#caseMatters = routes.some(({ path }) => path !== path.toLowerCase());
    this.#slashMatters = routes.some(({ path }) => normalizeRoutePath(path, false, true) !== path);
  }

  decide(request: CorsRequest<unknown>): Decision | Promise<Decision> {
    const path = readPath(request);
    if (path === undefined) return this.#refused(request, '', 'path-unsafe');
    const end = pathEnd(path);
    // Only origin-form targets (`/path`) are matched: routers resolve an absolute-form target
    // (`http://host/path`) to its path, which no route literal would then see.
    if (path.charCodeAt(0) !== 47 || isUnsafePath(path, end)) {
      return this.#refused(request, path.slice(0, end), 'path-unsafe');
    }
    const shown = path.slice(0, end);
    const targets = this.#candidates(request, path, end);
    if (targets.length === 1) return this.#decideBy(targets[0], request, shown);
    // The router may reach any of these routes: the request gets the answer they all give, or none.
    const answers = targets.map((target) => this.#decideBy(target, request, shown));
    if (!answers.some((answer) => answer instanceof Promise)) {
      return this.#agreed(answers as Decision[], request, shown);
    }
    return Promise.all(answers).then((settled) => this.#agreed(settled, request, shown));
  }

  #decideBy(
    target: RouteTarget | undefined,
    request: CorsRequest<unknown>,
    path: string,
  ): Decision | Promise<Decision> {
    if (target === undefined) return this.#untouched(request, path, 'path-not-covered');
    if (target.kind === 'disabled') return this.#untouched(request, path, 'cors-disabled');
    return target.policy.decide(request);
  }

  #agreed(answers: readonly Decision[], request: CorsRequest<unknown>, path: string): Decision {
    const first = answers[0] as Decision;
    return answers.every((answer) => sameAnswer(answer, first))
      ? first
      : this.#refused(request, path, 'path-ambiguous');
  }

  /** The distinct routes the spellings the router may match lead to (most often one). */
  #candidates(
    request: CorsRequest<unknown>,
    path: string,
    end: number,
  ): (RouteTarget | undefined)[] {
    const method = routingMethodOf(request);
    const matching = request.pathMatching;
    // Without pathMatching (undefined), as with 'unknown': both ways.
    const caseSensitive = matching?.caseSensitive;
    const trailingSlash = matching?.trailingSlash;
    const folds =
      caseSensitive === true
        ? AS_SENT
        : caseSensitive === false
          ? NORMALIZED
          : this.#caseMatters || hasUppercase(path, end)
            ? EITHER
            : AS_SENT;
    // A trailing slash a router may strip (`/reports/`); the root `/` has none to strip.
    const slashLast = path.charCodeAt(end - 1) === 47;
    const endsWithSlash = end > 1 && slashLast;
    const strips =
      trailingSlash === 'significant'
        ? AS_SENT
        : trailingSlash === 'ignored'
          ? NORMALIZED
          : this.#slashMatters || endsWithSlash
            ? EITHER
            : AS_SENT;
    const found: (RouteTarget | undefined)[] = [];
    for (let fold = 0; fold < 2; fold++) {
      if ((folds & (fold === 0 ? AS_SENT : NORMALIZED)) === 0) continue;
      const spelled = fold === 0 ? path : path.slice(0, end).toLowerCase();
      for (let strip = 0; strip < 2; strip++) {
        if ((strips & (strip === 0 ? AS_SENT : NORMALIZED)) === 0) continue;
        const spelledEnd = fold === 0 ? end : spelled.length;
        const stripped = strip === 1 && endsWithSlash ? spelledEnd - 1 : spelledEnd;
        const index = this.#indexes[fold * 2 + strip] as RouteIndex;
        const target = index.find(spelled, stripped, method, false) ?? this.#fallbackTarget;
        if (!found.includes(target)) found.push(target);
        // A router that keeps the trailing slash may read it as an empty last parameter:
        // find-my-way (Fastify) gives `/files/` to `/files/:name`, and `/` to `/:page`.
        if (strip === 0 && slashLast) {
          const empty = index.find(spelled, spelledEnd, method, true) ?? this.#fallbackTarget;
          if (!found.includes(empty)) found.push(empty);
        }
      }
    }
    return found;
  }

  /** No policy applies: the CORS layer stays out of the way (no headers, no Vary, no answer). */
  #untouched(request: CorsRequest<unknown>, path: string, reason: CorsDenialReason): Decision {
    const classified = classify(request);
    if (classified === undefined) return NON_CORS_UNTOUCHED;
    return passive(classified.kind, classified.origin, reason, path, NO_VARY);
  }

  /**
   * A path the router may resolve differently, or to routes whose policies answer differently:
   * deny CORS outright, and answer such preflights.
   */
  #refused(request: CorsRequest<unknown>, path: string, reason: CorsDenialReason): Decision {
    const classified = classify(request);
    if (classified === undefined)
      return passive('non-cors', undefined, undefined, undefined, VARY_ORIGIN);
    if (this.#fallback !== undefined) {
      return this.#fallback.deny(classified.kind, classified.origin, reason, path);
    }
    return classified.kind === 'preflight'
      ? passive('preflight', classified.origin, reason, path, VARY_PREFLIGHT, 403)
      : passive('actual', classified.origin, reason, path, VARY_ORIGIN);
  }
}

/** Whether two decisions put the same thing on the wire. */
function sameAnswer(a: Decision, b: Decision): boolean {
  if (a.allowed !== b.allowed || a.status !== b.status || a.vary.join() !== b.vary.join()) {
    return false;
  }
  if (a.headers.length !== b.headers.length) return false;
  return a.headers.every(([name, value], i) => {
    const [otherName, otherValue] = b.headers[i] as CorsHeader;
    return otherName === name && otherValue === value;
  });
}

/** The request's path; undefined when it is missing or cannot be read (never a throw). */
function readPath(request: CorsRequest<unknown>): string | undefined {
  try {
    const path = request.path;
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Where the path ends: at the query (`?`) or at a fragment (`#`), which routers never match. */
function pathEnd(path: string): number {
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code === 63 || code === 35) return i;
  }
  return path.length;
}

function hasUppercase(path: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const code = path.charCodeAt(i);
    if (code >= 65 && code <= 90) return true;
  }
  return false;
}

/** The request's kind and origin, or undefined when it is not a CORS request. */
function classify(
  request: CorsRequest<unknown>,
): { kind: 'preflight' | 'actual'; origin: string } | undefined {
  const kind = classifyRequest(request);
  if (kind === 'non-cors') return undefined;
  const origin = request.header(ORIGIN) as string | readonly string[];
  return { kind, origin: typeof origin === 'string' ? origin : origin.join(', ') };
}
