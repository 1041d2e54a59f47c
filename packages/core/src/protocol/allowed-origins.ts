import type { NormalizedPolicy } from '../config/validate.ts';
import { Grant } from '../speed/grant.ts';
import { StringIndex } from '../speed/string-index.ts';
import type { AsyncOriginPredicate, CorsHeader, CorsRequest, OriginPredicate } from '../types.ts';
import { CredentialTier } from './credentials.ts';
import { isWellFormedOrigin, OriginPattern } from './origin.ts';

/**
 * Which origins may read responses, and which of them with credentials: the server's side of the
 * CORS check (https://fetch.spec.whatwg.org/#cors-check). A credentialed grant needs an allowed
 * origin AND a credentials match: the credentials option only picks among the allowed origins
 * (README "Tiers and routes: the rules").
 */

/** A predicate threw, rejected or returned a non-boolean; `detail` says which. */
export class CheckFailure {
  constructor(readonly detail: unknown) {}
}

/** The grant of an origin, none (not allowed), or why it could not be checked. */
export type OriginMatch = Grant | undefined | CheckFailure;

export class AllowedOrigins {
  /** `origins: '*'`: every origin, answered with `*` unless it gets credentials. */
  readonly any: Grant | undefined;
  /** Exact origins whose answer is fixed: listed origins, and the listed credentialed ones under `*`. */
  readonly #exact: StringIndex<Grant>;
  readonly #patterns: readonly OriginPattern[];
  readonly #predicate: OriginPredicate<unknown> | AsyncOriginPredicate<unknown> | undefined;
  readonly #credentials: CredentialTier;
  /** Answers built per request (ACAO names the request's origin), anonymous and credentialed. */
  readonly #matched = new Grant(false, undefined, undefined, false);
  readonly #matchedCredentialed = new Grant(true, undefined, undefined, false);
  readonly #allowNullOrigin: boolean;
  readonly #onError: ((error: unknown, request: CorsRequest<unknown>) => void) | undefined;

  /** @param listed Builds the fixed answer of an exact origin (its headers and actual decision). */
  constructor(
    policy: NormalizedPolicy,
    listed: (origin: string, credentialed: boolean) => Grant,
    anyOrigin: CorsHeader,
    onError: ((error: unknown, request: CorsRequest<unknown>) => void) | undefined,
  ) {
    this.#credentials = new CredentialTier(policy.credentials);
    const exact = new Map<string, Grant>();
    const patterns: OriginPattern[] = [];
    if (policy.origins.kind === 'list') {
      for (const entry of policy.origins.entries) {
        if (entry.kind === 'pattern') patterns.push(new OriginPattern(entry));
        else exact.set(entry.origin, listed(entry.origin, this.#credentials.covers(entry.origin)));
      }
    } else if (policy.origins.kind === 'any' && policy.credentials.kind === 'list') {
      // Under `*` every origin is allowed, so each exact credentialed entry has a fixed answer.
      for (const entry of policy.credentials.entries) {
        if (entry.kind === 'exact') exact.set(entry.origin, listed(entry.origin, true));
      }
    }
    this.#exact = new StringIndex(exact);
    this.#patterns = patterns;
    this.any =
      policy.origins.kind === 'any' ? new Grant(false, anyOrigin, undefined, true) : undefined;
    this.#predicate =
      policy.origins.kind === 'predicate'
        ? (policy.origins.predicate as OriginPredicate<unknown> | AsyncOriginPredicate<unknown>)
        : undefined;
    this.#allowNullOrigin = policy.allowNullOrigin;
    this.#onError = onError;
  }

  /** The fixed grant of an exact origin, found without hashing the request's string. */
  exact(origin: string): Grant | undefined {
    return this.#exact.get(origin);
  }

  /** An origin not in the exact index: allowed by a pattern, by `*` or by the predicate? */
  match(origin: string, request: CorsRequest<unknown>): OriginMatch | Promise<OriginMatch> {
    for (let i = 0; i < this.#patterns.length; i++) {
      if ((this.#patterns[i] as OriginPattern).matches(origin)) return this.#allowed(origin);
    }
    if (this.any !== undefined) {
      return this.#credentials.covers(origin) ? this.#matchedCredentialed : this.any;
    }
    const predicate = this.#predicate;
    if (predicate === undefined) return undefined;
    // Predicates only ever see well-formed origins, so naive string checks in them stay safe.
    if (!(isWellFormedOrigin(origin) || (origin === 'null' && this.#allowNullOrigin))) {
      return undefined;
    }
    let result: unknown;
    try {
      result = predicate(origin, request.context === undefined ? request : request.context);
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
        (resolved): OriginMatch => this.#settled(origin, resolved, request),
        (error: unknown): OriginMatch => this.#failed(error, request),
      );
    }
    return this.#settled(origin, result, request);
  }

  #settled(origin: string, result: unknown, request: CorsRequest<unknown>): OriginMatch {
    if (result === true) return this.#allowed(origin);
    if (result === false) return undefined;
    return this.#failed(new NonBoolean(result), request);
  }

  /** The grant of an allowed origin whose answer is built per request. */
  #allowed(origin: string): Grant {
    return this.#credentials.covers(origin) ? this.#matchedCredentialed : this.#matched;
  }

  #failed(error: unknown, request: CorsRequest<unknown>): CheckFailure {
    const onError = this.#onError;
    if (onError !== undefined) {
      try {
        onError(error, request);
      } catch {
        // An error hook that throws must not turn a denial into a crash (decide never throws).
      }
    }
    return new CheckFailure(error);
  }
}

/**
 * What a predicate returned instead of `true` or `false`: a string is the `@koa/cors` and
 * `hono/cors` habit of returning the origin to send.
 */
export class NonBoolean extends TypeError {
  readonly returned: unknown;

  constructor(returned: unknown) {
    super(
      typeof returned === 'string'
        ? `The origins predicate returned the string ${JSON.stringify(returned.slice(0, 120))}; return true or false. Corsica writes Access-Control-Allow-Origin itself (the origin, or '*'), so the predicate only says yes or no.`
        : 'The origins predicate must return true or false (or a Promise of one).',
    );
    this.name = 'NonBoolean';
    this.returned = returned;
  }
}
