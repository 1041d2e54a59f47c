/**
 * Generated policies and requests for the scale section. A seeded generator keeps every run on
 * the same lists; the origins vary in length and domain as real tenant lists do, so the exact-origin
 * index is exercised as it would be in production, not on one long shared prefix.
 */

/** mulberry32: a small, fast, seeded pseudo-random generator. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DOMAINS = [
  'example.com',
  'example.org',
  'shop.example.net',
  'tenants.example.io',
  'apps.example.dev',
];

/** `count` distinct exact origins: random labels of 3 to 14 characters, some with a port. */
export function exactOrigins(count: number): string[] {
  const random = seeded(0x5eed + count);
  const origins = new Set<string>();
  while (origins.size < count) {
    const length = 3 + Math.floor(random() * 12);
    let label = '';
    for (let i = 0; i < length; i++) label += LETTERS[Math.floor(random() * LETTERS.length)];
    const domain = DOMAINS[Math.floor(random() * DOMAINS.length)];
    const port = random() < 0.1 ? ':8443' : '';
    origins.add(`https://${label}.${domain}${port}`);
  }
  return [...origins];
}

/** A well-formed origin of the same shape that none of the generated lists contains. */
export const UNLISTED_ORIGIN = 'https://not-a-tenant.example.com';

/** `count` subdomain patterns over distinct base hosts. */
export function subdomainPatterns(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `https://*.tenant${i}.example.com`);
}

/** An origin matched by pattern `index` of `subdomainPatterns`. */
export function originUnderPattern(index: number): string {
  return `https://app.tenant${index}.example.com`;
}

/** Request-header names of realistic length: `x-app-header-000` … */
export function headerNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `x-app-header-${String(i).padStart(3, '0')}`);
}

/**
 * `variants` different Access-Control-Request-Headers values of `size` names each, drawn from
 * `names`, each sorted and comma-joined as browsers send them.
 */
export function requestHeaderValues(
  names: readonly string[],
  size: number,
  variants: number,
): string[] {
  const values = new Set<string>();
  for (let start = 0; values.size < variants && start < variants * 4; start++) {
    const chosen: string[] = [];
    for (let i = 0; i < size; i++) chosen.push(names[(start * 7 + i) % names.length] as string);
    values.add([...new Set(chosen)].sort().join(','));
  }
  return [...values];
}

/** 100 KB of something shaped like a header list: `a,a,a,…`. */
export const HOSTILE_100KB = 'a,'.repeat(50 * 1024).slice(0, 100 * 1024);

/**
 * The longest value `allowedHeaders: '*'` lets through to the scanner (the core caps the total at
 * 256 names of up to 128 bytes, plus separators): maximal names, so the scan runs as long as the
 * policy allows before refusing.
 */
export function longestScannedUnderWildcard(maxTotalLength: number): string {
  const name = 'x'.repeat(128);
  const parts: string[] = [];
  let length = 0;
  while (length + name.length + 1 <= maxTotalLength) {
    parts.push(name);
    length += name.length + 1;
  }
  return parts.join(',');
}
