import { CorsConfigError } from './config/problems.ts';
import { toCors } from './cors.ts';
import type { AsyncCors, AsyncCorsOptions, Cors, CorsOptions } from './types.ts';

/**
 * Policies that depend on something known only at request time (Cloudflare Workers' `env`, the
 * tenant a request belongs to) without compiling per request: the options for a key are built and
 * compiled the first time the key is seen, then reused. This is Corsica's answer to the `cors`
 * package's per-request `(req, callback)` delegate, which parses options on every request.
 */

/** Options for `corsPerKey`. */
export interface CorsPerKeyOptions {
  /**
   * Most keys kept compiled; the least recently used is dropped past it (and compiled again if it
   * comes back). Default 64. Bounds memory whatever keys arrive.
   */
  readonly maxKeys?: number;
}

/**
 * A lazy, bounded factory of compiled policies, one per distinct key (compared as `Map` keys
 * compare: use strings).
 *
 * Derive the key from what the server controls (an environment binding, a tenant found by a
 * lookup), not from a raw request header: options the key cannot make a valid policy of throw the
 * usual `CorsConfigError`, at the first request with that key and at every one after it.
 *
 * @example
 * // Cloudflare Workers: the allowed origins come from an environment variable.
 * const policyFor = corsPerKey((origins: string) => ({ origins: origins.split(',') }));
 * export default {
 *   fetch: (request: Request, env: Env) => withCors(policyFor(env.ALLOWED_ORIGINS), app)(request),
 * };
 */
export function corsPerKey<TKey, TContext = unknown>(
  options: (key: TKey) => CorsOptions<TContext>,
  settings?: CorsPerKeyOptions,
): (key: TKey) => Cors<TContext>;
export function corsPerKey<TKey, TContext = unknown>(
  options: (key: TKey) => CorsOptions<TContext> | AsyncCorsOptions<TContext>,
  settings?: CorsPerKeyOptions,
): (key: TKey) => Cors<TContext> | AsyncCors<TContext>;
export function corsPerKey<TKey, TContext>(
  options: (key: TKey) => CorsOptions<TContext> | AsyncCorsOptions<TContext>,
  settings: CorsPerKeyOptions = {},
): (key: TKey) => Cors<TContext> | AsyncCors<TContext> {
  const maxKeys = settings.maxKeys ?? 64;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new CorsConfigError(
      [
        {
          code: 'option-type',
          option: 'maxKeys',
          value: maxKeys,
          message: `maxKeys is a whole number of at least 1, not ${String(maxKeys)}; e.g. maxKeys: 64.`,
        },
      ],
      'corsPerKey()',
    );
  }
  // Insertion order is recency: a hit moves its key to the end, the first key is the oldest.
  const compiled = new Map<TKey, Cors<TContext> | AsyncCors<TContext> | { failed: unknown }>();
  return (key) => {
    let entry = compiled.get(key);
    if (entry === undefined) {
      try {
        entry = toCors(options(key), 'corsPerKey()');
      } catch (error) {
        // A key that cannot make a policy fails the same way every time, without recompiling.
        entry = { failed: error };
      }
      if (compiled.size >= maxKeys) compiled.delete(compiled.keys().next().value as TKey);
    } else {
      compiled.delete(key);
    }
    compiled.set(key, entry);
    if ('failed' in entry) throw entry.failed;
    return entry;
  };
}
