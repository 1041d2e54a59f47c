import type { OriginEntry } from '../config/origins.ts';
import type { NormalizedCredentials } from '../config/validate.ts';
import { StringIndex } from '../speed/string-index.ts';
import { OriginPattern } from './origin.ts';

/**
 * Which allowed origins get `Access-Control-Allow-Credentials: true`
 * (https://fetch.spec.whatwg.org/#http-access-control-allow-credentials). The credentials option
 * only selects among the origins the policy allows: it is consulted after the origin check, and
 * never allows an origin by itself.
 */
export class CredentialTier {
  readonly #all: boolean;
  readonly #exact: StringIndex<true>;
  readonly #patterns: readonly OriginPattern[];

  constructor(credentials: NormalizedCredentials) {
    this.#all = credentials.kind === 'all';
    const entries: readonly OriginEntry[] = credentials.kind === 'list' ? credentials.entries : [];
    const exact = new Map<string, true>();
    const patterns: OriginPattern[] = [];
    for (const entry of entries) {
      if (entry.kind === 'exact') exact.set(entry.origin, true);
      else patterns.push(new OriginPattern(entry));
    }
    this.#exact = new StringIndex(exact);
    this.#patterns = patterns;
  }

  /** Whether an origin the policy already allows may send credentials. */
  covers(origin: string): boolean {
    if (this.#all) return true;
    if (this.#exact.get(origin) !== undefined) return true;
    for (let i = 0; i < this.#patterns.length; i++) {
      if ((this.#patterns[i] as OriginPattern).matches(origin)) return true;
    }
    return false;
  }
}
