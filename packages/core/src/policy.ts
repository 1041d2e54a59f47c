import type { RequestHeaderRules } from './acrh.ts';
import { compileRequestHeaderRules, scanRequestHeaders } from './acrh.ts';
import type { PolicyView } from './decision.ts';
import { Decision, NON_BOOLEAN, originDenial } from './decision.ts';
import { Grant } from './grant.ts';
import {
  ACAC,
  ACAH,
  ACAM,
  ACAO,
  ACAPN,
  ACEH,
  ACMA,
  ACRH,
  ACRM,
  ACRPN,
  CONTENT_LENGTH,
  ORIGIN,
} from './headers.ts';
import { isWellFormedOrigin, OriginPattern } from './origin-syntax.ts';
import { describePolicy } from './policy-view.ts';
import { CredentialTier } from './credential-tier.ts';
import { PreflightMemo } from './preflight-memo.ts';
import { StringIndex } from './string-index.ts';
import { FORBIDDEN_METHODS, isToken, SAFELISTED_METHODS } from './tokens.ts';
import type {
  AsyncOriginPredicate,
  CorsHeader,
  CorsHeaderValue,
  CorsRequest,
  CorsRequestKind,
  OriginPredicate,
} from './types.ts';
import type { NormalizedPolicy } from './validate.ts';
import { NO_VARY, VARY_ORIGIN, VARY_PREFLIGHT, VARY_PREFLIGHT_PRIVATE_NETWORK } from './vary.ts';

/**
 * One compiled policy. Everything that depends only on the configuration (parsing, lowercasing,
 * header values, whole header lists, whole decisions for listed origins, the origin index) is
 * computed here, once. A request then costs a few character comparisons, and a preflight that
 * was seen before costs no scan at all.
 */

/** A predicate threw, rejected or returned a non-boolean. */
class CheckFailure {
  constructor(readonly detail: unknown) {}
}

type Match = Grant | undefined | CheckFailure;

/** The method and header answers of a preflight, which depend on neither origin nor path. */
interface CheckedPreflight {
  readonly allowMethods: CorsHeader | undefined;
  readonly allowHeaders: CorsHeader | undefined;
}

/**
 * The longest method a preflight may ask for (unless a longer one is listed). Browsers send what
 * the script wrote; registered methods are under 20 bytes.
 */
export const MAX_METHOD_LENGTH = 64;

/** Distinct allowed (method, ACRH) pairs remembered per policy. */
const CHECKED_PREFLIGHTS = 32;

const ALLOW_CREDENTIALS: CorsHeader = Object.freeze([ACAC, 'true'] as const);
const ALLOW_ANY_ORIGIN: CorsHeader = Object.freeze([ACAO, '*'] as const);
const ALLOW_PRIVATE_NETWORK: CorsHeader = Object.freeze([ACAPN, 'true'] as const);
const EMPTY_BODY: CorsHeader = Object.freeze([CONTENT_LENGTH, '0'] as const);
const NO_HEADERS: readonly CorsHeader[] = Object.freeze([]);
const ENDED_EMPTY: readonly CorsHeader[] = Object.freeze([EMPTY_BODY]);
const FORBIDDEN = 403;

function freezeDecision(decision: Decision): Decision {
  Object.freeze(decision);
  return decision;
}

function freezeHeaders(headers: CorsHeader[]): readonly CorsHeader[] {
  return Object.freeze(headers);
}

function pair(name: string, value: string): CorsHeader {
  return Object.freeze([name, value] as const);
}

export class CompiledPolicy {
  readonly #view: PolicyView;
  /** `origins: '*'` without a credentialed tier: every response carries the same headers. */
  readonly #static: boolean;
  /** `origins: '*'`: every origin, answered with `*` unless it gets credentials. */
  readonly #anyOrigin: Grant | undefined;
  /** Exact origins whose answer is fixed: listed origins, and the listed credentialed ones under `*`. */
  readonly #exact: StringIndex<Grant>;
  /** Patterns of `origins`. */
  readonly #originPatterns: OriginPattern[] = [];
  readonly #predicate: OriginPredicate | AsyncOriginPredicate | undefined;
  /** Which allowed origins get credentials: it never allows an origin by itself. */
  readonly #credentials: CredentialTier;
  /** Answers built per request (ACAO names the request's origin), anonymous and credentialed. */
  readonly #matchedGrant: Grant;
  readonly #matchedCredentialedGrant: Grant;
  readonly #allowNullOrigin: boolean;
  readonly #onError: ((error: unknown, request: CorsRequest) => void) | undefined;

  readonly #anyMethod: boolean;
  /** The longest Access-Control-Request-Method examined: 64 bytes, or the longest listed method. */
  readonly #maxMethodLength: number;
  readonly #allowMethodPairs = new Map<string, CorsHeader>();
  readonly #headerRules: RequestHeaderRules;
  readonly #checked = new PreflightMemo<CheckedPreflight>(CHECKED_PREFLIGHTS);
  readonly #maxAge: CorsHeader | undefined;
  readonly #privateNetwork: boolean;
  readonly #preflightStatus: number | undefined;
  readonly #preflightEnds: boolean;

  readonly #anonymousTail: readonly CorsHeader[];
  readonly #credentialedTail: readonly CorsHeader[];
  readonly #staticActualHeaders: readonly CorsHeader[];
  readonly #varyActual: readonly string[];
  readonly #varyPreflight: readonly string[];
  readonly #deniedActualHeaders: readonly CorsHeader[];
  readonly #deniedActualStatus: number | undefined;
  readonly #deniedPreflightHeaders: readonly CorsHeader[];
  readonly #deniedPreflightStatus: number | undefined;

  /** The decision for every request without `Origin`; allocated once. */
  readonly nonCors: Decision;
  /**
   * Under a static policy, an OPTIONS request with ACRM but no Origin: the app answers it, yet the
   * same request with an Origin would be a preflight answered here, so this one varies on Origin.
   */
  readonly #nonCorsPreflightShaped: Decision;

  constructor(
    policy: NormalizedPolicy,
    onError: ((error: unknown, request: CorsRequest) => void) | undefined,
  ) {
    const exposed = policy.exposedHeaders === '*' ? '*' : policy.exposedHeaders.join(', ');
    const expose: CorsHeader[] = exposed === '' ? [] : [pair(ACEH, exposed)];
    this.#anonymousTail = freezeHeaders(expose);
    this.#credentialedTail = freezeHeaders([ALLOW_CREDENTIALS, ...expose]);

    this.#static = policy.origins.kind === 'any' && policy.credentials.kind === 'none';
    this.#varyActual = this.#static ? NO_VARY : VARY_ORIGIN;
    this.#varyPreflight = policy.privateNetwork ? VARY_PREFLIGHT_PRIVATE_NETWORK : VARY_PREFLIGHT;
    this.#staticActualHeaders = freezeHeaders([ALLOW_ANY_ORIGIN, ...expose]);

    this.#anyMethod = policy.methods === '*';
    this.#maxMethodLength = Math.max(
      MAX_METHOD_LENGTH,
      ...(policy.methods === '*' ? [] : policy.methods.map((method) => method.length)),
    );
    if (policy.methods !== '*') {
      for (const method of policy.methods) this.#allowMethodPairs.set(method, pair(ACAM, method));
    }
    this.#headerRules = compileRequestHeaderRules(
      new Set(policy.allowedHeaders.names),
      policy.allowedHeaders.wildcard,
    );
    this.#maxAge = policy.maxAge === undefined ? undefined : pair(ACMA, String(policy.maxAge));
    this.#privateNetwork = policy.privateNetwork;
    this.#preflightEnds = !policy.continuePreflight;
    this.#preflightStatus = policy.continuePreflight ? undefined : policy.successStatus;
    this.#deniedPreflightHeaders = policy.continuePreflight ? NO_HEADERS : ENDED_EMPTY;
    this.#deniedPreflightStatus = policy.continuePreflight ? undefined : FORBIDDEN;
    this.#deniedActualHeaders = policy.rejectDisallowed ? ENDED_EMPTY : NO_HEADERS;
    this.#deniedActualStatus = policy.rejectDisallowed ? FORBIDDEN : undefined;
    this.#allowNullOrigin = policy.allowNullOrigin;
    this.#onError = onError;
    this.#view = describePolicy(policy, this.#headerRules);

    // A credentialed grant needs an allowed origin AND a credentials match: the credentials list
    // only picks among the allowed origins (see README "Tiers and routes: the rules").
    this.#credentials = new CredentialTier(policy.credentials);
    const exact = new Map<string, Grant>();
    if (policy.origins.kind === 'list') {
      for (const entry of policy.origins.entries) {
        if (entry.kind === 'pattern') this.#originPatterns.push(new OriginPattern(entry));
        else exact.set(entry.origin, this.#listedGrant(entry.origin, this.#credentials.covers(entry.origin)));
      }
    } else if (policy.origins.kind === 'any' && policy.credentials.kind === 'list') {
      // Under `*` every origin is allowed, so each exact credentialed entry has a fixed answer.
      for (const entry of policy.credentials.entries) {
        if (entry.kind === 'exact') exact.set(entry.origin, this.#listedGrant(entry.origin, true));
      }
    }
    this.#exact = new StringIndex(exact);
    this.#anyOrigin =
      policy.origins.kind === 'any'
        ? new Grant(false, ALLOW_ANY_ORIGIN, undefined, true)
        : undefined;
    this.#predicate = policy.origins.kind === 'predicate' ? policy.origins.predicate : undefined;
    this.#matchedGrant = new Grant(false, undefined, undefined, false);
    this.#matchedCredentialedGrant = new Grant(true, undefined, undefined, false);

    const staticHeaders = this.#static ? this.#staticActualHeaders : NO_HEADERS;
    this.nonCors = freezeDecision(
      new Decision(
        'non-cors',
        true,
        undefined,
        undefined,
        undefined,
        staticHeaders,
        this.#varyActual,
        undefined,
        this.#view,
      ),
    );
    this.#nonCorsPreflightShaped = this.#static
      ? freezeDecision(
          new Decision(
            'non-cors',
            true,
            undefined,
            undefined,
            undefined,
            staticHeaders,
            VARY_ORIGIN,
            undefined,
            this.#view,
          ),
        )
      : this.nonCors;
  }

  /** The fixed answer for an exact allowed origin: its headers and its actual decision, built once. */
  #listedGrant(origin: string, credentialed: boolean): Grant {
    const allowOrigin = pair(ACAO, origin);
    const headers = freezeHeaders([
      allowOrigin,
      ...(credentialed ? this.#credentialedTail : this.#anonymousTail),
    ]);
    const actual = freezeDecision(
      new Decision(
        'actual',
        true,
        origin,
        undefined,
        undefined,
        headers,
        this.#varyActual,
        undefined,
        this.#view,
      ),
    );
    return new Grant(credentialed, allowOrigin, actual, true);
  }

  decide(request: CorsRequest): Decision | Promise<Decision> {
    const origin = request.header(ORIGIN);
    if (origin === undefined || origin === null) {
      if (this.#static && request.method === 'OPTIONS' && !isAbsent(request.header(ACRM)))
        return this.#nonCorsPreflightShaped;
      return this.nonCors;
    }
    // Several Origin lines are not one origin; joined, they fail every check (CORS-SPEC 1.1).
    const value = typeof origin === 'string' ? origin : origin.join(', ');
    if (request.method === 'OPTIONS') {
      const acrm = request.header(ACRM);
      if (acrm !== undefined && acrm !== null) return this.#preflight(request, value, acrm);
    }
    return this.#actual(request, value);
  }

  // Fetch "CORS check": an allowed origin gets ACAO (and ACAC); the app's handler runs either way.
  #actual(request: CorsRequest, origin: string): Decision | Promise<Decision> {
    if (this.#static) {
      return new Decision(
        'actual',
        true,
        origin,
        undefined,
        undefined,
        this.#staticActualHeaders,
        NO_VARY,
        undefined,
        this.#view,
      );
    }
    const exact = this.#exact.get(origin);
    if (exact !== undefined) return exact.actual as Decision;
    const match = this.#match(request, origin);
    if (match instanceof Promise)
      return match.then((resolved) => this.#actualFor(origin, resolved));
    return this.#actualFor(origin, match);
  }

  #actualFor(origin: string, match: Match): Decision {
    if (match === undefined) {
      return originDenial(
        'actual',
        origin,
        this.#deniedActualHeaders,
        this.#varyActual,
        this.#deniedActualStatus,
        this.#view,
      );
    }
    if (match instanceof CheckFailure)
      return this.deny('actual', origin, 'origin-check-failed', origin, match.detail);
    const headers: CorsHeader[] = [match.allowOrigin ?? [ACAO, origin]];
    const tail = match.credentialed ? this.#credentialedTail : this.#anonymousTail;
    for (let i = 0; i < tail.length; i++) headers.push(tail[i] as CorsHeader);
    return new Decision(
      'actual',
      true,
      origin,
      undefined,
      undefined,
      headers,
      this.#varyActual,
      undefined,
      this.#view,
    );
  }

  // Fetch "CORS-preflight fetch": origin, then method, then headers, in the order the browser checks.
  #preflight(
    request: CorsRequest,
    origin: string,
    method: string | readonly string[],
  ): Decision | Promise<Decision> {
    const requested = request.header(ACRH);
    const privateNetwork = this.#privateNetwork && request.header(ACRPN) === 'true';
    const memoKey = privateNetwork ? undefined : memoKeyOf(method, requested);
    const grant = this.#static ? this.#anyOrigin : this.#exact.get(origin);
    if (grant !== undefined) {
      if (memoKey !== undefined) {
        const remembered = grant.rememberedPreflight(method as string, memoKey);
        // Under `*` one grant serves every origin; a remembered decision names the origin it was for.
        if (
          remembered !== undefined &&
          (grant !== this.#anyOrigin || remembered.origin === origin)
        ) {
          return remembered;
        }
      }
      return this.#preflightFor(origin, method, requested, privateNetwork, memoKey, grant);
    }
    const match = this.#match(request, origin);
    if (match instanceof Promise) {
      return match.then((resolved) =>
        this.#preflightFor(origin, method, requested, privateNetwork, memoKey, resolved),
      );
    }
    return this.#preflightFor(origin, method, requested, privateNetwork, memoKey, match);
  }

  #preflightFor(
    origin: string,
    method: string | readonly string[],
    requested: CorsHeaderValue,
    privateNetwork: boolean,
    memoKey: string | undefined,
    match: Match,
  ): Decision {
    if (match === undefined) {
      return originDenial(
        'preflight',
        origin,
        this.#deniedPreflightHeaders,
        this.#varyPreflight,
        this.#deniedPreflightStatus,
        this.#view,
      );
    }
    if (match instanceof CheckFailure)
      return this.deny('preflight', origin, 'origin-check-failed', origin, match.detail);
    let checked = memoKey === undefined ? undefined : this.#checked.get(method as string, memoKey);
    if (checked === undefined) {
      const result = this.#checkMethodAndHeaders(origin, method, requested);
      if (result instanceof Decision) return result;
      checked = result;
      if (memoKey !== undefined) this.#checked.set(method as string, memoKey, checked);
    }
    const headers: CorsHeader[] = [match.allowOrigin ?? [ACAO, origin]];
    if (match.credentialed) headers.push(ALLOW_CREDENTIALS);
    if (checked.allowMethods !== undefined) headers.push(checked.allowMethods);
    if (checked.allowHeaders !== undefined) headers.push(checked.allowHeaders);
    if (this.#maxAge !== undefined) headers.push(this.#maxAge);
    // PNA: granted only when asked and enabled. When disabled, ACRPN is ignored rather than denied,
    // so a browser that only warns (PNA enforcement is on hold) keeps working (CORS-SPEC 8).
    if (privateNetwork) headers.push(ALLOW_PRIVATE_NETWORK);
    if (this.#preflightEnds) headers.push(EMPTY_BODY);
    const decision = new Decision(
      'preflight',
      true,
      origin,
      undefined,
      undefined,
      freezeHeaders(headers),
      this.#varyPreflight,
      this.#preflightStatus,
      this.#view,
    );
    if (memoKey !== undefined)
      match.rememberPreflight(method as string, memoKey, freezeDecision(decision));
    return decision;
  }

  /** Fetch "CORS-preflight fetch" steps on the method and the headers: what to answer, or a denial. */
  #checkMethodAndHeaders(
    origin: string,
    method: string | readonly string[],
    requested: CorsHeaderValue,
  ): CheckedPreflight | Decision {
    // Bounded before it is read: under `methods: '*'` an allowed method is echoed back whole.
    if (typeof method === 'string' && method.length > this.#maxMethodLength) {
      return this.deny('preflight', origin, 'method-over-limit', method);
    }
    // ACRM is one token, compared byte for byte (Fetch "Methods"; CORS-SPEC 9.3).
    if (typeof method !== 'string' || !isToken(method)) {
      return this.deny(
        'preflight',
        origin,
        'method-malformed',
        typeof method === 'string' ? method : method.join(', '),
      );
    }
    let allowMethods: CorsHeader | undefined;
    if (!SAFELISTED_METHODS.has(method)) {
      allowMethods = this.#allowMethodPairs.get(method);
      if (allowMethods === undefined) {
        if (!this.#anyMethod || FORBIDDEN_METHODS.has(method.toUpperCase())) {
          return this.deny('preflight', origin, 'method-not-allowed', method);
        }
        allowMethods = pair(ACAM, method);
      }
    }
    let allowHeaders: CorsHeader | undefined;
    if (requested !== undefined && requested !== null) {
      const scanned = scanRequestHeaders(requested, this.#headerRules);
      if (typeof scanned !== 'string')
        return this.deny('preflight', origin, scanned.reason, scanned.value);
      if (scanned !== '') allowHeaders = pair(ACAH, scanned);
    }
    return { allowMethods, allowHeaders };
  }

  /** A denial of a CORS request of this policy, for a reason other than the origin. */
  deny(
    kind: CorsRequestKind,
    origin: string,
    reason: Decision['reason'] & string,
    value: string,
    detail?: unknown,
  ): Decision {
    const preflight = kind === 'preflight';
    return new Decision(
      kind,
      false,
      origin,
      reason,
      value,
      preflight ? this.#deniedPreflightHeaders : this.#deniedActualHeaders,
      preflight ? this.#varyPreflight : this.#varyActual,
      preflight ? this.#deniedPreflightStatus : this.#deniedActualStatus,
      this.#view,
      detail,
    );
  }

  /** An origin not in the exact index: allowed by a pattern, by `*` or by the predicate? */
  #match(request: CorsRequest, origin: string): Match | Promise<Match> {
    for (let i = 0; i < this.#originPatterns.length; i++) {
      if ((this.#originPatterns[i] as OriginPattern).matches(origin)) return this.#allowed(origin);
    }
    if (this.#anyOrigin !== undefined) {
      return this.#credentials.covers(origin) ? this.#matchedCredentialedGrant : this.#anyOrigin;
    }
    const predicate = this.#predicate;
    if (predicate === undefined) return undefined;
    // Predicates only ever see well-formed origins, so naive string checks in them stay safe.
    if (!(isWellFormedOrigin(origin) || (origin === 'null' && this.#allowNullOrigin)))
      return undefined;
    let result: unknown;
    try {
      result = predicate(origin, request);
    } catch (error) {
      return this.#failed(error, request);
    }
    if (result === true) return this.#allowed(origin);
    if (result === false) return undefined;
    if (
      result !== null &&
      typeof result === 'object' &&
      typeof (result as PromiseLike<unknown>).then === 'function'
    ) {
      return Promise.resolve(result as PromiseLike<unknown>).then(
        (resolved): Match => {
          if (resolved === true) return this.#allowed(origin);
          if (resolved === false) return undefined;
          return this.#failed(NON_BOOLEAN, request);
        },
        (error: unknown): Match => this.#failed(error, request),
      );
    }
    return this.#failed(NON_BOOLEAN, request);
  }

  /** The grant of an allowed origin whose answer is built per request. */
  #allowed(origin: string): Grant {
    return this.#credentials.covers(origin) ? this.#matchedCredentialedGrant : this.#matchedGrant;
  }

  #failed(error: unknown, request: CorsRequest): CheckFailure {
    const onError = this.#onError;
    if (onError !== undefined) {
      const reported =
        error === NON_BOOLEAN
          ? new TypeError('The origins predicate must return true or false (or a Promise of one).')
          : error;
      try {
        onError(reported, request);
      } catch {
        // An error hook that throws must not turn a denial into a crash (decide never throws).
      }
    }
    return new CheckFailure(error);
  }
}

function isAbsent(value: CorsHeaderValue): boolean {
  return value === undefined || value === null;
}

/** The ACRH half of a memo key: absent and empty are alike; several field lines are not remembered. */
function memoKeyOf(
  method: string | readonly string[],
  requested: CorsHeaderValue,
): string | undefined {
  if (typeof method !== 'string') return undefined;
  if (requested === undefined || requested === null) return '';
  return typeof requested === 'string' ? requested : undefined;
}
