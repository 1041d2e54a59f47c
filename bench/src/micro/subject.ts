import type { Scenario } from '../policy.ts';

export const VARIANTS = ['peer', 'corsica', 'floor'] as const;
export type Variant = (typeof VARIANTS)[number];

/** What one CORS layer left on the response: compared across peer, Corsica and floor. */
export interface ResponseSnapshot {
  /** Set when the CORS layer answered the request itself; undefined when it went on. */
  readonly status: number | undefined;
  /** Lowercase names, sorted, without what the server adds itself (Date, Connection). */
  readonly headers: readonly (readonly [string, string])[];
}

/** What the report says about a framework's contenders: plain data, sent from the child process. */
export interface SubjectInfo {
  readonly framework: string;
  /** The peer's package name. */
  readonly peer: string;
  /** Corsica's adapter package name. */
  readonly corsica: string;
  /** Which framework objects the three run on, and how they are called. */
  readonly objects: string;
  /** Where the peer's options differ from the shared policy. */
  readonly notes: readonly string[];
}

/**
 * One framework in the micro benchmark: its usual CORS package (the peer), Corsica's adapter and
 * the floor, all three run on the same kind of framework objects, built fresh for every call.
 * Methods rather than function properties so subjects of different input types share one list.
 */
export interface FrameworkSubject<T> extends SubjectInfo {
  /**
   * Untimed: fresh framework objects for one request of the scenario, for the given variant
   * (fastify's objects belong to the app the variant is registered in; the others ignore it).
   */
  build(scenario: Scenario, variant: Variant | 'downstream'): T;
  runPeer(input: T): unknown;
  runCorsica(input: T): unknown;
  runFloor(input: T): unknown;
  /**
   * What `next()` costs on its own, without any CORS layer, when it is more than a no-op (Hono's
   * handler builds the Response the middleware's headers land on). Measured and subtracted from
   * the scenarios where the middleware calls `next()`.
   */
  runDownstreamOnly?(input: T): unknown;
  /** The response after one (awaited) run of `variant`: `result` is what it returned. */
  snapshot(input: T, result: unknown, variant: Variant): ResponseSnapshot;
}
