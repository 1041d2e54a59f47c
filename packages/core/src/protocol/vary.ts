/**
 * `Vary` tokens and appending them (RFC 9110 §12.5.5). CORS headers depend on request headers, so
 * caches must key on them (Fetch "CORS protocol and HTTP caches"). Tokens are appended to whatever
 * the application set, compared case-insensitively, never duplicated, never replacing a `*`.
 */

export const NO_VARY: readonly string[] = Object.freeze([]);
export const VARY_ORIGIN: readonly string[] = Object.freeze(['Origin']);
/**
 * On preflights: not needed by the book (RFC 9110 §9.3.7, OPTIONS responses are not cacheable) but
 * sent as defence in depth against caches that store them anyway, as rs/cors does.
 */
export const VARY_PREFLIGHT: readonly string[] = Object.freeze([
  'Origin',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
]);
export const VARY_PREFLIGHT_PRIVATE_NETWORK: readonly string[] = Object.freeze([
  ...VARY_PREFLIGHT,
  'Access-Control-Request-Private-Network',
]);

const JOINED_PREFLIGHT = VARY_PREFLIGHT.join(', ');
const JOINED_PREFLIGHT_PRIVATE_NETWORK = VARY_PREFLIGHT_PRIVATE_NETWORK.join(', ');

/** The tokens as one value; the core's own lists are joined once, here. */
function joined(tokens: readonly string[]): string {
  if (tokens === VARY_ORIGIN) return 'Origin';
  if (tokens === VARY_PREFLIGHT) return JOINED_PREFLIGHT;
  if (tokens === VARY_PREFLIGHT_PRIVATE_NETWORK) return JOINED_PREFLIGHT_PRIVATE_NETWORK;
  return tokens.join(', ');
}

/**
 * The `Vary` value to set after appending `tokens` to `existing` (what the response holds now:
 * a string, one string per field line, or a number some frameworks store), or `undefined` when
 * the response needs no change (no tokens, every token present, or `Vary: *`).
 */
export function appendVary(
  existing: string | number | readonly string[] | null | undefined,
  tokens: readonly string[],
): string | undefined {
  if (tokens.length === 0) return undefined;
  if (existing === undefined || existing === null || existing === '') {
    return joined(tokens);
  }
  const current =
    typeof existing === 'string'
      ? existing
      : Array.isArray(existing)
        ? existing.join(', ')
        : String(existing);
  const present = new Set<string>();
  for (const element of current.split(',')) {
    const token = element.trim().toLowerCase();
    if (token === '*') return undefined;
    if (token !== '') present.add(token);
  }
  // An empty or blank value holds no token: start a fresh list rather than append after nothing.
  if (present.size === 0) return joined(tokens);
  let result = current;
  for (const token of tokens) {
    if (!present.has(token.toLowerCase())) result = `${result}, ${token}`;
  }
  return result === current ? undefined : result;
}
