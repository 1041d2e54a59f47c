/**
 * Remembers what allowed preflights looked like, by (method, raw Access-Control-Request-Headers).
 *
 * Browsers repeat the same few preflights: one ACRH value per kind of call a page makes. Scanning
 * ACRH costs about 2.5 ns per byte on a small server core, so validated pairs are remembered.
 * Lookup is a linear scan with `===` (a length check, then a memcmp), which beats hashing the
 * fresh strings every request brings. Only allowed answers are stored, keys over 4 KiB never,
 * and at most `capacity` entries, replaced round-robin: an attacker cycling valid values can
 * only make lookups miss, never grow memory or change an answer.
 */

const MAX_KEY_LENGTH = 4096;

export class PreflightMemo<T> {
  readonly #capacity: number;
  readonly #methods: string[] = [];
  readonly #requestHeaders: string[] = [];
  readonly #values: T[] = [];
  #next = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(method: string, requestHeaders: string): T | undefined {
    const methods = this.#methods;
    for (let i = 0; i < methods.length; i++) {
      if (methods[i] === method && this.#requestHeaders[i] === requestHeaders)
        return this.#values[i];
    }
    return undefined;
  }

  set(method: string, requestHeaders: string, value: T): void {
    if (method.length + requestHeaders.length > MAX_KEY_LENGTH) return;
    let slot = this.#methods.length;
    if (slot >= this.#capacity) {
      slot = this.#next;
      this.#next = (this.#next + 1) % this.#capacity;
    }
    this.#methods[slot] = method;
    this.#requestHeaders[slot] = requestHeaders;
    this.#values[slot] = value;
  }

  get size(): number {
    return this.#methods.length;
  }
}
