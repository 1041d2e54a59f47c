import type { NormalizedPolicy } from './config/validate.ts';
import { Decision, originDenial } from './decision.ts';
import type { PolicyView } from './messages/policy-view.ts';
import type { OriginMatch } from './protocol/allowed-origins.ts';
import { AllowedOrigins, CheckFailure, CheckTimeout } from './protocol/allowed-origins.ts';
import { classify } from './protocol/classify.ts';
import { ACAC, ACAO, ACAPN, ACEH, ACMA, ACRH, ACRM, ACRPN, ORIGIN } from './protocol/headers.ts';
import type { MethodRules, PreflightAnswer } from './protocol/preflight.ts';
import { allowedPart, checkPreflight, compileMethodRules } from './protocol/preflight.ts';
import type { RequestHeaderRules } from './protocol/request-headers.ts';
import { compileRequestHeaderRules } from './protocol/request-headers.ts';
import {
  NO_VARY,
  VARY_ORIGIN,
  VARY_PREFLIGHT,
  VARY_PREFLIGHT_PRIVATE_NETWORK,
} from './protocol/vary.ts';
import { Grant } from './speed/grant.ts';
import { PreflightMemo } from './speed/preflight-memo.ts';
import type { CorsHeader, CorsHeaderValue, CorsRequest, CorsRequestKind } from './types.ts';

/**
 * One compiled policy: the protocol steps of `protocol/`, in the order Fetch defines them, with
 * everything that depends only on the configuration computed here, once (header values, whole
 * header lists, whole decisions for listed origins, the origin index). A request then costs a few
 * character comparisons, and a preflight seen before costs no header scan at all (`speed/`).
 */

/** Distinct allowed (method, ACRH) pairs remembered per policy. */
const CHECKED_PREFLIGHTS = 32;

const ALLOW_CREDENTIALS: CorsHeader = pair(ACAC, 'true');
const ALLOW_ANY_ORIGIN: CorsHeader = pair(ACAO, '*');
const ALLOW_PRIVATE_NETWORK: CorsHeader = pair(ACAPN, 'true');
const NO_HEADERS: readonly CorsHeader[] = Object.freeze([]);
const FORBIDDEN = 403;

function pair(name: string, value: string): CorsHeader {
  return Object.freeze([name, value] as const);
}

function frozen<T extends object>(value: T): T {
  return Object.freeze(value);
}

export class CompiledPolicy {
  readonly view: PolicyView;
  /** `origins: '*'` without a credentialed tier: every response carries the same headers. */
  readonly #static: boolean;
  readonly #origins: AllowedOrigins;
  readonly #methods: MethodRules;
  readonly #requestHeaders: RequestHeaderRules;
  /** Speed: the method and header answers of allowed preflights, which depend on neither origin nor path. */
  readonly #checked = new PreflightMemo<PreflightAnswer>(CHECKED_PREFLIGHTS);
  readonly #maxAge: CorsHeader | undefined;
  readonly #privateNetwork: boolean;
  /** The status of an allowed preflight answered here; undefined with `preflight.continue`. */
  readonly #preflightStatus: number | undefined;
  /** Debug mode (`debug`, `setDebug`): refused preflights answered with what was allowed. */
  debug = false;

  readonly #anonymousTail: readonly CorsHeader[];
  readonly #credentialedTail: readonly CorsHeader[];
  readonly #staticActualHeaders: readonly CorsHeader[];
  readonly #varyActual: readonly string[];
  readonly #varyPreflight: readonly string[];
  readonly #deniedActualStatus: number | undefined;
  readonly #deniedPreflightStatus: number | undefined;

  /** The decision for every request without `Origin`; allocated once. */
  readonly nonCors: Decision;
  /**
   * Under a static policy, an OPTIONS request with ACRM but no Origin: the app answers it, yet the
   * same request with an Origin would be a preflight answered here, so this one varies on Origin.
   */
  readonly #nonCorsPreflightShaped: Decision;

  /**
   * @param scope The route path whose policy this is; `''` for the top level.
   */
  constructor(
    policy: NormalizedPolicy,
    onError: ((error: unknown, request: CorsRequest<unknown>) => void) | undefined,
    scope = '',
  ) {
    const exposed = policy.exposedHeaders === '*' ? '*' : policy.exposedHeaders.join(', ');
    const expose: CorsHeader[] = exposed === '' ? [] : [pair(ACEH, exposed)];
    this.#anonymousTail = frozen(expose);
    this.#credentialedTail = frozen([ALLOW_CREDENTIALS, ...expose]);

    this.#static = policy.origins.kind === 'any' && policy.credentials.kind === 'none';
    // https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches: a response whose CORS headers
    // depend on Origin says so; preflights vary on everything they answer (README "Choices").
    this.#varyActual = this.#static ? NO_VARY : VARY_ORIGIN;
    this.#varyPreflight = policy.privateNetwork ? VARY_PREFLIGHT_PRIVATE_NETWORK : VARY_PREFLIGHT;
    this.#staticActualHeaders = frozen([ALLOW_ANY_ORIGIN, ...expose]);

    this.#methods = compileMethodRules(policy.methods);
    this.#requestHeaders = compileRequestHeaderRules(
      new Set(policy.allowedHeaders.names),
      policy.allowedHeaders.wildcard,
    );
    this.#maxAge = policy.maxAge === undefined ? undefined : pair(ACMA, String(policy.maxAge));
    this.#privateNetwork = policy.privateNetwork;
    this.#preflightStatus = policy.continuePreflight ? undefined : policy.successStatus;
    this.#deniedPreflightStatus = policy.continuePreflight ? undefined : FORBIDDEN;
    this.#deniedActualStatus = policy.rejectDisallowed ? FORBIDDEN : undefined;
    this.view = {
      policy,
      scope,
      maxMethodLength: this.#methods.maxLength,
      maxNames: this.#requestHeaders.maxNames,
      maxTotalLength: this.#requestHeaders.maxTotalLength,
      timeoutMs: policy.timeoutMs,
    };

    this.#origins = new AllowedOrigins(
      policy,
      (origin, credentialed) => this.#listedGrant(origin, credentialed),
      ALLOW_ANY_ORIGIN,
      onError,
    );

    const staticHeaders = this.#static ? this.#staticActualHeaders : NO_HEADERS;
    this.nonCors = frozen(this.#decision('non-cors', undefined, staticHeaders, this.#varyActual));
    this.#nonCorsPreflightShaped = this.#static
      ? frozen(this.#decision('non-cors', undefined, staticHeaders, VARY_ORIGIN))
      : this.nonCors;
  }

  decide(request: CorsRequest<unknown>): Decision | Promise<Decision> {
    const origin = request.header(ORIGIN);
    const method = request.method;
    const requestMethod = method === 'OPTIONS' ? request.header(ACRM) : undefined;
    switch (classify(origin, method, requestMethod)) {
      case 'non-cors':
        return this.#static && requestMethod !== undefined && requestMethod !== null
          ? this.#nonCorsPreflightShaped
          : this.nonCors;
      case 'preflight':
        return this.#preflight(request, joined(origin), requestMethod as string | string[]);
      default:
        return this.#actual(request, joined(origin));
    }
  }

  /**
   * https://fetch.spec.whatwg.org/#cors-check for an actual request: an allowed origin gets
   * `Access-Control-Allow-Origin` (and `-Credentials`, `-Expose-Headers`); the application's
   * handler runs either way, unless `rejectDisallowed`.
   */
  #actual(request: CorsRequest<unknown>, origin: string): Decision | Promise<Decision> {
    if (this.#static) {
      return this.#decision('actual', origin, this.#staticActualHeaders, NO_VARY);
    }
    const listed = this.#origins.exact(origin);
    if (listed !== undefined) return listed.actual as Decision;
    const match = this.#origins.match(origin, request);
    if (match instanceof Promise) return match.then((settled) => this.#actualFor(origin, settled));
    return this.#actualFor(origin, match);
  }

  #actualFor(origin: string, match: OriginMatch): Decision {
    if (match === undefined) {
      return originDenial('actual', origin, this.#varyActual, this.#deniedActualStatus, this.view);
    }
    if (match instanceof CheckFailure) {
      return this.deny('actual', origin, failureReason(match), origin, match.detail);
    }
    const headers: CorsHeader[] = [match.allowOrigin ?? [ACAO, origin]];
    const tail = match.credentialed ? this.#credentialedTail : this.#anonymousTail;
    for (let i = 0; i < tail.length; i++) headers.push(tail[i] as CorsHeader);
    return this.#decision('actual', origin, headers, this.#varyActual);
  }

  /**
   * https://fetch.spec.whatwg.org/#cors-preflight-fetch: the origin, then the method, then the
   * headers, in the order the browser checks them.
   */
  #preflight(
    request: CorsRequest<unknown>,
    origin: string,
    method: string | readonly string[],
  ): Decision | Promise<Decision> {
    const requested = request.header(ACRH);
    // Private Network Access (WICG): granted only when asked and enabled. When disabled, the
    // request header is ignored rather than denied, so browsers that only warn keep working.
    const privateNetwork = this.#privateNetwork && request.header(ACRPN) === 'true';
    const memoKey = privateNetwork ? undefined : memoKeyOf(method, requested);
    const grant = this.#static ? this.#origins.any : this.#origins.exact(origin);
    if (grant !== undefined) {
      if (memoKey !== undefined) {
        const remembered = grant.rememberedPreflight(method as string, memoKey);
        // Under `*` one grant serves every origin; a remembered decision names the origin it was for.
        if (
          remembered !== undefined &&
          (grant !== this.#origins.any || remembered.origin === origin)
        ) {
          return remembered;
        }
      }
      return this.#preflightFor(origin, method, requested, privateNetwork, memoKey, grant);
    }
    const match = this.#origins.match(origin, request);
    if (match instanceof Promise) {
      return match.then((settled) =>
        this.#preflightFor(origin, method, requested, privateNetwork, memoKey, settled),
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
    match: OriginMatch,
  ): Decision {
    if (match === undefined) {
      return originDenial(
        'preflight',
        origin,
        this.#varyPreflight,
        this.#deniedPreflightStatus,
        this.view,
      );
    }
    if (match instanceof CheckFailure) {
      return this.deny('preflight', origin, failureReason(match), origin, match.detail);
    }
    let answer = memoKey === undefined ? undefined : this.#checked.get(method as string, memoKey);
    if (answer === undefined) {
      const checked = checkPreflight(method, requested, this.#methods, this.#requestHeaders);
      if ('reason' in checked) {
        if (
          this.debug &&
          (checked.reason === 'method-not-allowed' || checked.reason === 'header-not-allowed')
        ) {
          return this.#debugAnswer(
            origin,
            match as Grant,
            checked.reason,
            checked.value,
            method,
            requested,
          );
        }
        return this.deny('preflight', origin, checked.reason, checked.value);
      }
      answer = checked;
      if (memoKey !== undefined) this.#checked.set(method as string, memoKey, answer);
    }
    const headers: CorsHeader[] = [match.allowOrigin ?? [ACAO, origin]];
    if (match.credentialed) headers.push(ALLOW_CREDENTIALS);
    if (answer.allowMethods !== undefined) headers.push(answer.allowMethods);
    if (answer.allowHeaders !== undefined) headers.push(answer.allowHeaders);
    if (this.#maxAge !== undefined) headers.push(this.#maxAge);
    if (privateNetwork) headers.push(ALLOW_PRIVATE_NETWORK);
    const decision = new Decision(
      'preflight',
      true,
      origin,
      undefined,
      undefined,
      frozen(headers),
      this.#varyPreflight,
      this.#preflightStatus,
      this.view,
    );
    if (memoKey !== undefined) {
      match.rememberPreflight(method as string, memoKey, frozen(decision));
    }
    return decision;
  }

  /**
   * Debug mode's answer to a preflight refused for its method or headers, from an allowed origin:
   * the success status, the origin's grant, and only the allowed part of what was asked (never
   * the policy's lists, never Max-Age), so the browser names the missing method or header.
   */
  #debugAnswer(
    origin: string,
    grant: Grant,
    reason: 'method-not-allowed' | 'header-not-allowed',
    value: string,
    method: string | readonly string[],
    requested: CorsHeaderValue,
  ): Decision {
    const part = allowedPart(method, requested, this.#methods, this.#requestHeaders);
    const headers: CorsHeader[] = [grant.allowOrigin ?? [ACAO, origin]];
    if (grant.credentialed) headers.push(ALLOW_CREDENTIALS);
    if (part.allowMethods !== undefined) headers.push(part.allowMethods);
    if (part.allowHeaders !== undefined) headers.push(part.allowHeaders);
    return new Decision(
      'preflight',
      false,
      origin,
      reason,
      value,
      frozen(headers),
      this.#varyPreflight,
      this.#preflightStatus,
      this.view,
    );
  }

  /** A denial of a CORS request of this policy, for a reason other than the origin. */
  deny(
    kind: CorsRequestKind,
    origin: string,
    reason: NonNullable<Decision['reason']>,
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
      NO_HEADERS,
      preflight ? this.#varyPreflight : this.#varyActual,
      preflight ? this.#deniedPreflightStatus : this.#deniedActualStatus,
      this.view,
      detail,
    );
  }

  /** An allowed decision. */
  #decision(
    kind: CorsRequestKind,
    origin: string | undefined,
    headers: readonly CorsHeader[],
    vary: readonly string[],
  ): Decision {
    return new Decision(
      kind,
      true,
      origin,
      undefined,
      undefined,
      headers,
      vary,
      undefined,
      this.view,
    );
  }

  /** The fixed answer for an exact allowed origin: its headers and its actual decision, built once. */
  #listedGrant(origin: string, credentialed: boolean): Grant {
    const allowOrigin = pair(ACAO, origin);
    const headers = frozen([
      allowOrigin,
      ...(credentialed ? this.#credentialedTail : this.#anonymousTail),
    ]);
    const actual = frozen(this.#decision('actual', origin, headers, this.#varyActual));
    return new Grant(credentialed, allowOrigin, actual, true);
  }
}

function failureReason(failure: CheckFailure): 'origin-check-timeout' | 'origin-check-failed' {
  return failure.detail instanceof CheckTimeout ? 'origin-check-timeout' : 'origin-check-failed';
}

/** Several `Origin` lines are not one origin; joined, they fail every check. */
function joined(origin: CorsHeaderValue): string {
  return typeof origin === 'string' ? origin : (origin as readonly string[]).join(', ');
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
