import type { Decision } from '../decision.ts';
import type { CorsHeader } from '../types.ts';
import { PreflightMemo } from './preflight-memo.ts';

/**
 * How an allowed origin is answered, built when the policy is compiled. For a listed origin the
 * whole answer to an actual request is one shared frozen decision, and allowed preflights are
 * remembered by (method, Access-Control-Request-Headers): the `decide` benchmark's "allowed GET"
 * and "allowed preflight" cases are what this saves (a decision and its header list per request,
 * and a header scan per preflight).
 */

/** Allowed preflight decisions remembered per listed origin. */
const DECISIONS_PER_ORIGIN = 8;

export class Grant {
  readonly credentialed: boolean;
  /** Precomputed `Access-Control-Allow-Origin` pair (listed origins, `*`); else built per request. */
  readonly allowOrigin: CorsHeader | undefined;
  /** Precomputed allowed actual decision (listed origins only, whose `origin` is fixed). */
  readonly actual: Decision | undefined;
  /**
   * Allowed preflight decisions by (method, ACRH), for grants whose answer depends on nothing
   * else: listed origins and `*`. Created on the first preflight.
   */
  #preflights: PreflightMemo<Decision> | undefined;
  readonly #remembers: boolean;

  constructor(
    credentialed: boolean,
    allowOrigin: CorsHeader | undefined,
    actual: Decision | undefined,
    remembers: boolean,
  ) {
    this.credentialed = credentialed;
    this.allowOrigin = allowOrigin;
    this.actual = actual;
    this.#remembers = remembers;
  }

  rememberedPreflight(method: string, requestHeaders: string): Decision | undefined {
    return this.#preflights?.get(method, requestHeaders);
  }

  rememberPreflight(method: string, requestHeaders: string, decision: Decision): void {
    if (!this.#remembers) return;
    this.#preflights ??= new PreflightMemo(DECISIONS_PER_ORIGIN);
    this.#preflights.set(method, requestHeaders, decision);
  }
}
