import type { NormalizedPolicy } from '../config/validate.ts';
import { after } from '../host.ts';
import { Grant } from '../speed/grant.ts';
import { PredicateCache } from '../speed/predicate-cache.ts';
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

/** A predicate threw, rejected, returned a non-boolean or timed out; `detail` says which. */
export class CheckFailure {
  constructor(readonly detail: unknown) {}
}

/** An asynchronous predicate that did not settle within the policy's `timeout`. */
export class CheckTimeout extends Error {
  constructor(readonly ms: number) {
    super(`The origins predicate did not answer within ${ms} ms.`);
    this.name = 'CheckTimeout';
  }
}

/** More asynchronous checks in flight than the cache's `maxConcurrent` allows. */
export class TooManyChecks extends Error {
  constructor(readonly max: number) {
    super(`More than ${max} origin checks were in flight; this one was refused.`);
    this.name = 'TooManyChecks';
  }
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
  readonly #timeoutMs: number;
  readonly cache: PredicateCache | undefined;

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
    this.#timeoutMs = policy.timeoutMs;
    this.cache = policy.cache === undefined ? undefined : new PredicateCache(policy.cache);
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
    const cache = this.cache;
    if (cache !== undefined) {
      const remembered = cache.get(origin);
      if (remembered !== undefined) return remembered ? this.#allowed(origin) : undefined;
      const pending = cache.pending(origin);
      if (pending !== undefined) return pending.then((answer) => this.#answered(origin, answer));
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
      result === null ||
      typeof result !== 'object' ||
      typeof (result as PromiseLike<unknown>).then !== 'function'
    ) {
      return this.#failed(new NonBoolean(result), request);
    }
    if (cache !== undefined && cache.inFlight >= cache.maxConcurrent) {
      return this.#failed(new TooManyChecks(cache.maxConcurrent), request);
    }
    // What the check answers: true, false, or undefined when it failed (reported, not remembered).
    let failure: CheckFailure | undefined;
    const check = this.#bounded(result as PromiseLike<unknown>).then(
      (resolved): boolean | undefined => {
        if (resolved === true || resolved === false) return resolved;
        failure = this.#failed(
          resolved === TIMED_OUT ? new CheckTimeout(this.#timeoutMs) : new NonBoolean(resolved),
          request,
        );
        return undefined;
      },
      (error: unknown): undefined => {
        failure = this.#failed(error, request);
        return undefined;
      },
    );
    const answer = cache === undefined ? check : cache.track(origin, check);
    return answer.then((settled) => failure ?? this.#answered(origin, settled));
  }

  /** The predicate's promise, or TIMED_OUT once the policy's timeout has passed. */
  #bounded(result: PromiseLike<unknown>): Promise<unknown> {
    const settled = Promise.resolve(result);
    if (this.#timeoutMs <= 0) return settled;
    return new Promise((resolve, reject) => {
      const cancel = after(this.#timeoutMs, () => resolve(TIMED_OUT));
      settled.then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    });
  }

  #answered(origin: string, answer: boolean | undefined): OriginMatch {
    if (answer === true) return this.#allowed(origin);
    if (answer === false) return undefined;
    // A shared check that failed: the request that ran it reported the failure.
    return new CheckFailure(new Error('The shared origin check for this origin failed.'));
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

const TIMED_OUT: unique symbol = Symbol('timed out');

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
