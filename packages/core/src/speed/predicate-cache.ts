import type { CorsPredicateCacheOptions } from '../types.ts';

/**
 * What an asynchronous origin predicate answered, remembered per origin (`cache` option), for
 * predicates that depend on the origin alone. Allowed and denied origins are kept in two separate
 * least-recently-used tables, so a flood of random hostile origins fills only the denied one and
 * never pushes out the origins that are really used. Concurrent checks of one origin share one
 * call, and the calls in flight are capped. The `decide` benchmark does not cover it: its gain is
 * the predicate's own cost (a database or tenant lookup), not Corsica's.
 */
export class PredicateCache {
  readonly #allowed = new Map<string, number>();
  readonly #denied = new Map<string, number>();
  readonly #pending = new Map<string, Promise<boolean | undefined>>();
  readonly #ttl: number;
  readonly #negativeTtl: number;
  readonly #max: number;
  readonly #maxNegative: number;
  readonly maxConcurrent: number;
  readonly #now: () => number;

  constructor(options: CorsPredicateCacheOptions) {
    this.#ttl = options.ttlMs;
    this.#negativeTtl = options.negativeTtlMs ?? options.ttlMs;
    this.#max = options.maxEntries ?? 1000;
    this.#maxNegative = options.maxNegativeEntries ?? this.#max;
    this.maxConcurrent = options.maxConcurrent ?? 64;
    this.#now = options.now ?? Date.now;
  }

  /** The remembered answer, if it has not expired. */
  get(origin: string): boolean | undefined {
    const now = this.#now();
    for (const [table, answer] of [
      [this.#allowed, true],
      [this.#denied, false],
    ] as const) {
      const expires = table.get(origin);
      if (expires === undefined) continue;
      table.delete(origin);
      if (expires <= now) return undefined;
      table.set(origin, expires); // most recently used last
      return answer;
    }
    return undefined;
  }

  /** The check in flight for `origin`, if any: concurrent requests share it. */
  pending(origin: string): Promise<boolean | undefined> | undefined {
    return this.#pending.get(origin);
  }

  get inFlight(): number {
    return this.#pending.size;
  }

  /**
   * Runs one check for `origin` and remembers its answer (`undefined`, a failure, is not
   * remembered).
   */
  track(origin: string, check: Promise<boolean | undefined>): Promise<boolean | undefined> {
    const tracked = check.then((answer) => {
      this.#pending.delete(origin);
      if (answer !== undefined) this.#remember(origin, answer);
      return answer;
    });
    this.#pending.set(origin, tracked);
    return tracked;
  }

  #remember(origin: string, allowed: boolean): void {
    const table = allowed ? this.#allowed : this.#denied;
    const max = allowed ? this.#max : this.#maxNegative;
    table.delete(origin);
    table.set(origin, this.#now() + (allowed ? this.#ttl : this.#negativeTtl));
    while (table.size > max) table.delete(table.keys().next().value as string);
  }
}
