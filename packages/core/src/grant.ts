import type { Decision } from './decision.ts';
import { PreflightMemo } from './preflight-memo.ts';
import type { CorsHeader } from './types.ts';

/** Allowed preflight decisions remembered per listed origin. */
const DECISIONS_PER_ORIGIN = 8;

/** How an allowed origin is answered. Built when the policy is compiled. */
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
