import type { NeutralPolicy } from '@corsica/cors-testkit';

/**
 * What every mapper needs to read a neutral policy (vectors.json's `schema.policy`): the allowed
 * origins split into exact entries and subdomain patterns, and the `*` values whose meaning depends
 * on credentials.
 */

/** `scheme://*.domain[:port]`, where `*.` stands for one or more non-empty DNS labels. */
const PATTERN = /^([a-z][a-z0-9+.-]*):\/\/\*\.([^/:*]+)(:\d+)?$/;

/** A DNS label as browsers serialize hosts in Origin: lowercase letters, digits and hyphens. */
const LABEL = '[a-z0-9-]+';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The anchored, escaped RegExp equivalent of a subdomain pattern: one or more labels before the
 * domain, nothing else in front (no userinfo, no other scheme), and exactly the pattern's port
 * (none when it has none) at the end. No flags: the same exact, case-sensitive comparison the
 * libraries apply to string entries.
 */
export function patternToRegExp(pattern: string): RegExp {
  const match = PATTERN.exec(pattern);
  if (match === null) throw new Error(`not a subdomain pattern: ${JSON.stringify(pattern)}`);
  const [, scheme = '', domain = '', port = ''] = match;
  return new RegExp(
    `^${escapeRegExp(scheme)}://(?:${LABEL}\\.)+${escapeRegExp(domain)}${escapeRegExp(port)}$`,
  );
}

export function isPattern(entry: string): boolean {
  return entry.includes('://*.');
}

export interface OriginList {
  /** Entries compared byte for byte (including the literal `null`). */
  readonly exact: readonly string[];
  /** Subdomain patterns, as anchored RegExps. */
  readonly patterns: readonly RegExp[];
  /** Both, in policy order: what `cors` and `@fastify/cors` take as `origin`. */
  readonly entries: readonly (string | RegExp)[];
  /** Whether a request's Origin value is allowed (exact match or a pattern's match). */
  allows(origin: string | undefined): boolean;
}

/** The policy's allowed origins as a list, or `'*'` for any origin. */
export function originsOf(policy: NeutralPolicy): '*' | OriginList {
  if (policy.allowedOrigins === '*') return '*';
  const entries = policy.allowedOrigins.map((entry) =>
    isPattern(entry) ? patternToRegExp(entry) : entry,
  );
  const exact = entries.filter((entry): entry is string => typeof entry === 'string');
  const patterns = entries.filter((entry): entry is RegExp => entry instanceof RegExp);
  return {
    exact,
    patterns,
    entries,
    allows: (origin) =>
      origin !== undefined &&
      (exact.includes(origin) || patterns.some((pattern) => pattern.test(origin))),
  };
}

/**
 * Why a library cannot state a `*` of the policy when credentials are allowed. With credentials,
 * browsers read `*` in Access-Control-Allow-Methods, -Allow-Headers and -Expose-Headers as a literal
 * name (Fetch, 'HTTP new-header syntax'), so "any" must be answered by naming what was asked for.
 */
export const STAR_WITH_CREDENTIALS = {
  methods: (library: string): string =>
    `allowedMethods '*' with credentials: browsers read a literal '*' as a method named '*' on credentialed requests, and ${library} cannot name the requested method instead`,
  headers: (library: string): string =>
    `allowedHeaders '*' with credentials (every name but Authorization): browsers read a literal '*' as a header named '*' on credentialed requests, and ${library}'s only other "any header" is to reflect Access-Control-Request-Headers unfiltered, Authorization included`,
  exposed: (library: string): string =>
    `exposedHeaders '*' with credentials: browsers read a literal '*' as a header named '*' on credentialed requests, and ${library} cannot list the response's header names instead`,
} as const;

export function noPrivateNetworkOption(library: string): string {
  return `allowPrivateNetwork: ${library} has no option for Access-Control-Allow-Private-Network (Private Network Access)`;
}

export function fixedPreflightStatus(library: string, status: number): string {
  return `preflightSuccessStatus ${status}: ${library} always answers preflights 204 and has no option to change it`;
}
