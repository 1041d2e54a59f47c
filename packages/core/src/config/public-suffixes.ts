/**
 * A short, deliberately incomplete list of multi-label public suffixes and shared-hosting domains
 * where anyone can register a subdomain. A pattern such as `https://*.github.io` would allow every
 * site hosted there. Single-label suffixes (`*.com`, `*.dev`) are caught by rule, not by this list.
 *
 * This is not the Public Suffix List; embedding it would make the core large and stale. It covers
 * the suffixes users actually write by mistake. `dangerouslyAllowPublicSuffixPatterns` opts out.
 */
export const MULTI_LABEL_PUBLIC_SUFFIXES: ReadonlySet<string> = new Set([
  // Country-code second-level registries
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.nz',
  'co.in',
  'co.za',
  'co.kr',
  'com.br',
  'com.cn',
  'com.mx',
  'com.tr',
  'com.sg',
  // Shared hosting where every customer gets a subdomain
  'github.io',
  'gitlab.io',
  'pages.dev',
  'workers.dev',
  'vercel.app',
  'netlify.app',
  'herokuapp.com',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'azurewebsites.net',
  'cloudfront.net',
  'amazonaws.com',
  'blogspot.com',
  'fly.dev',
  'onrender.com',
  'glitch.me',
  'ngrok.io',
  'ngrok-free.app',
  'deno.dev',
  'railway.app',
  'surge.sh',
]);

/** Whether a subdomain pattern over `baseHost` would span a public suffix. */
export function isPublicSuffix(baseHost: string): boolean {
  // `localhost` is a single label but private to the machine (RFC 6761 §6.3).
  if (!baseHost.includes('.')) return baseHost !== 'localhost';
  return MULTI_LABEL_PUBLIC_SUFFIXES.has(baseHost);
}
