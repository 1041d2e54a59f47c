import type { PolicyView } from './messages/policy-view.ts';
import { isWellFormedOrigin } from './protocol/origin.ts';
import type { CorsDenialReason, CorsHeader, CorsRequestKind } from './types.ts';

/**
 * Decision objects. Fields the adapters read (`status`, `headers`, `vary`) are plain properties.
 * A decision says nothing in words: `cors.explain(decision)` does, so a denial costs no string
 * building unless someone asks. Allowed decisions for listed origins are built once per policy
 * and shared (frozen).
 */

/** Placeholder reason: an origin denial whose malformed/not-allowed split is computed when read. */
const ORIGIN_DENIAL = 'origin-denial';
type StoredReason = CorsDenialReason | typeof ORIGIN_DENIAL | undefined;

const NO_HEADERS: readonly CorsHeader[] = Object.freeze([]);

export class Decision {
  readonly kind: CorsRequestKind;
  readonly allowed: boolean;
  readonly origin: string | undefined;
  readonly value: string | undefined;
  readonly headers: readonly CorsHeader[];
  readonly vary: readonly string[];
  readonly status: number | undefined;
  #reason: StoredReason;
  readonly #view: PolicyView;
  readonly #detail: unknown;

  constructor(
    kind: CorsRequestKind,
    allowed: boolean,
    origin: string | undefined,
    reason: StoredReason,
    value: string | undefined,
    headers: readonly CorsHeader[],
    vary: readonly string[],
    status: number | undefined,
    view: PolicyView,
    detail?: unknown,
  ) {
    this.kind = kind;
    this.allowed = allowed;
    this.origin = origin;
    this.#reason = reason;
    this.value = value;
    this.headers = headers;
    this.vary = vary;
    this.status = status;
    this.#view = view;
    this.#detail = detail;
  }

  get reason(): CorsDenialReason | undefined {
    if (this.#reason === ORIGIN_DENIAL) {
      const origin = this.value as string;
      this.#reason =
        origin === 'null' || isWellFormedOrigin(origin) ? 'origin-not-allowed' : 'origin-malformed';
    }
    return this.#reason;
  }

  /**
   * What tells one logged denial from another: the reason (an origin denial's malformed or
   * not-allowed split follows from the origin, so it is not worked out here), the origin, the route.
   */
  static logKey(decision: Decision): string {
    return `${decision.#reason ?? 'allowed'}\u0000${decision.origin ?? ''}\u0000${decision.#view.scope}`;
  }

  /** Whether the decision leaves the request to the application on purpose (no CORS here). */
  static leftToApplication(decision: Decision): boolean {
    return decision.#reason === 'cors-disabled' || decision.#reason === 'path-not-covered';
  }

  /** The policy view and predicate failure behind a decision, for its explanation. */
  static internals(decision: Decision): { view: PolicyView; detail: unknown } {
    return { view: decision.#view, detail: decision.#detail };
  }

  toJSON(): Record<string, unknown> {
    return {
      kind: this.kind,
      allowed: this.allowed,
      origin: this.origin,
      reason: this.reason,
      value: this.value,
      status: this.status,
      headers: this.headers,
      vary: this.vary,
    };
  }
}

/** A denial of the origin; whether it was malformed is worked out only if someone asks. */
export function originDenial(
  kind: CorsRequestKind,
  origin: string,
  vary: readonly string[],
  status: number | undefined,
  view: PolicyView,
): Decision {
  return new Decision(kind, false, origin, ORIGIN_DENIAL, origin, NO_HEADERS, vary, status, view);
}
