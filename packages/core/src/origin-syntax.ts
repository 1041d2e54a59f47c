import type { CorsConfigProblemCode } from './errors.ts';
import { quote } from './errors.ts';
import { canonicalIpv4, canonicalIpv6, looksLikeIpv4 } from './ip.ts';
import { hostToAscii, isAscii } from './punycode.ts';

/**
 * Origins as written in a policy, and as sent by browsers.
 *
 * A serialized origin is `scheme "://" host [":" port]` (Fetch "`Origin` header", RFC 6454 §6.2):
 * lowercase scheme and host, punycode for IDN hosts, canonical IP literals, no default port, and
 * no path, query, fragment or user info. Browsers only ever send that canonical form, so Corsica
 * canonicalizes the *policy* at construction and compares requests as exact strings
 * (CORS-SPEC 9.4): a request in any other form is denied, never normalized.
 */

/** A configured origin: one exact serialized origin, or a pattern. */
export type OriginEntry = ExactOriginEntry | OriginPatternEntry;

export interface ExactOriginEntry {
  readonly kind: 'exact';
  readonly origin: string;
}

/**
 * `scheme://*.example.com[:port]` (one or more whole labels before the base host, never the base
 * host itself) and/or `scheme://host:*` (any explicit port, or none).
 */
export interface OriginPatternEntry {
  readonly kind: 'pattern';
  readonly source: string;
  readonly scheme: string;
  readonly baseHost: string;
  readonly subdomains: boolean;
  /** `''` for the default port, `':8080'` for one port, `'*'` for any port. */
  readonly port: string;
}

export interface OriginSyntaxProblem {
  readonly kind: 'problem';
  readonly code: CorsConfigProblemCode;
  readonly message: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  http: '80',
  https: '443',
  ws: '80',
  wss: '443',
};

const SCHEME = /^[a-z][a-z0-9+.-]*$/i;
const DOMAIN_LABEL = /^[a-z0-9_-]+$/;

interface Deviation {
  code: CorsConfigProblemCode | undefined;
}

function deviate(state: Deviation, code: CorsConfigProblemCode): void {
  state.code ??= code;
}

function problem(code: CorsConfigProblemCode, message: string): OriginSyntaxProblem {
  return { kind: 'problem', code, message };
}

/**
 * Parses an origin or origin pattern from a policy. Returns the entry, or the first problem with a
 * message that names the canonical form to write where one exists.
 */
export function parseConfiguredOrigin(
  input: string,
  allow: { readonly nullOrigin: boolean; readonly fileOrigins: boolean },
): OriginEntry | OriginSyntaxProblem {
  const shown = quote(input);
  if (input === 'null') {
    return allow.nullOrigin
      ? { kind: 'exact', origin: 'null' }
      : problem(
          'origin-null',
          `${shown} is the origin of sandboxed iframes, file: and data: documents and cross-origin redirects; any site can produce it, so allowing it is close to allowing everyone. Remove it, or set dangerouslyAllowNullOrigin: true if you accept that.`,
        );
  }
  if (input.toLowerCase() === 'null') {
    return problem(
      'origin-malformed',
      `${shown} is not an origin; the null origin is spelled "null", in lowercase.`,
    );
  }
  const separator = input.indexOf('://');
  if (separator === -1) {
    if (/^file:/i.test(input)) return fileProblem(input, allow.fileOrigins);
    const looksLikeHost = /^[^\s/:]+(:\d+)?$/.test(input);
    const example = looksLikeHost
      ? `"https://${input.toLowerCase()}"`
      : '"https://app.example.com"';
    return problem(
      'origin-malformed',
      `${shown} is not an origin; write scheme://host[:port], e.g. ${example}.`,
    );
  }
  const rawScheme = input.slice(0, separator);
  if (!SCHEME.test(rawScheme)) {
    return problem(
      'origin-malformed',
      `${shown} does not start with a valid scheme; write e.g. "https://app.example.com".`,
    );
  }
  const state: Deviation = { code: undefined };
  const scheme = rawScheme.toLowerCase();
  if (scheme !== rawScheme) deviate(state, 'origin-uppercase');
  if (scheme === 'file') return fileProblem(input, allow.fileOrigins);

  const rest = input.slice(separator + 3);
  const authorityEnd = rest.search(/[/?#]/);
  let authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    deviate(state, 'origin-userinfo');
    authority = authority.slice(at + 1);
  }

  let rawHost: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1)
      return problem('origin-malformed', `${shown} has an unterminated IPv6 address.`);
    rawHost = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after.startsWith(':')) portText = after.slice(1);
    else if (after !== '')
      return problem('origin-malformed', `${shown} has text after its IPv6 address.`);
  } else {
    const colon = authority.lastIndexOf(':');
    rawHost = colon === -1 ? authority : authority.slice(0, colon);
    portText = colon === -1 ? undefined : authority.slice(colon + 1);
  }

  let port = '';
  if (portText !== undefined) {
    if (portText === '*') {
      port = '*';
    } else if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return problem(
        'origin-port-invalid',
        `${shown} has the port ${quote(portText)}; write a number from 1 to 65535, or ":*" for any port.`,
      );
    } else {
      const value = String(Number(portText));
      if (value !== portText) deviate(state, 'origin-port-invalid');
      if (DEFAULT_PORTS[scheme] === value) deviate(state, 'origin-default-port');
      else port = `:${value}`;
    }
  }

  if (rawHost === '') return problem('origin-malformed', `${shown} has no host.`);
  let host: string;
  let subdomains = false;
  if (rawHost.startsWith('[')) {
    const canonical = canonicalIpv6(rawHost.slice(1, -1));
    if (canonical === undefined)
      return problem('origin-malformed', `${shown} has an invalid IPv6 address.`);
    host = `[${canonical}]`;
    if (host !== rawHost) deviate(state, 'origin-ip-noncanonical');
  } else {
    let base = rawHost;
    if (base.startsWith('*.')) {
      subdomains = true;
      base = base.slice(2);
    }
    if (base.includes('*')) {
      return problem(
        'origin-pattern-invalid',
        `${shown}: '*' may only stand for whole labels at the start of the host ("https://*.example.com") or for the port ("http://localhost:*").`,
      );
    }
    if (!isAscii(base)) deviate(state, 'origin-unicode');
    else if (base !== base.toLowerCase()) deviate(state, 'origin-uppercase');
    let ascii = hostToAscii(base);
    if (ascii.endsWith('.')) {
      deviate(state, 'origin-trailing-dot');
      ascii = ascii.replace(/\.+$/, '');
    }
    const labels = ascii.split('.');
    if (ascii === '' || labels.some((label) => !DOMAIN_LABEL.test(label))) {
      return problem(
        'origin-malformed',
        `${shown} has an invalid host; a host is letters, digits, '-' and '_' in dot-separated labels (punycode for IDN).`,
      );
    }
    if (looksLikeIpv4(ascii)) {
      const canonical = canonicalIpv4(ascii);
      if (canonical === undefined || subdomains) {
        return problem('origin-malformed', `${shown} has an invalid IPv4 address.`);
      }
      if (canonical !== ascii) deviate(state, 'origin-ip-noncanonical');
      ascii = canonical;
    }
    host = ascii;
  }

  if (tail === '/') deviate(state, 'origin-trailing-slash');
  else if (tail !== '') deviate(state, 'origin-path');

  const canonical = `${scheme}://${subdomains ? '*.' : ''}${host}${port === '*' ? ':*' : port}`;
  if (state.code !== undefined) {
    return problem(state.code, `${deviationText(state.code, shown)} Write "${canonical}".`);
  }
  if (subdomains || port === '*') {
    return {
      kind: 'pattern',
      source: canonical,
      scheme,
      baseHost: host,
      subdomains,
      port,
    };
  }
  return { kind: 'exact', origin: canonical };
}

function fileProblem(input: string, allowed: boolean): OriginEntry | OriginSyntaxProblem {
  if (allowed) return { kind: 'exact', origin: input };
  return problem(
    'origin-file',
    `${quote(input)}: browsers send "Origin: null" from file: pages, so this entry only matches non-browser clients. Remove it, or set dangerouslyAllowFileOrigins: true for an embedded runtime that really sends it.`,
  );
}

function deviationText(code: CorsConfigProblemCode, shown: string): string {
  switch (code) {
    case 'origin-uppercase':
      return `${shown} has uppercase letters; browsers send the scheme and host in lowercase, so it would never match.`;
    case 'origin-unicode':
      return `${shown} has a Unicode host; browsers send its punycode (xn--) form.`;
    case 'origin-userinfo':
      return `${shown} contains user info ('@'), which never appears in an origin.`;
    case 'origin-default-port':
      return `${shown} names the scheme's default port, which browsers leave out of Origin.`;
    case 'origin-port-invalid':
      return `${shown} writes its port with leading zeros.`;
    case 'origin-ip-noncanonical':
      return `${shown} writes its IP address in a form browsers never send.`;
    case 'origin-trailing-dot':
      return `${shown} ends its host with a dot, which is a different host.`;
    case 'origin-trailing-slash':
      return `${shown} ends with a slash; an origin has no path.`;
    case 'origin-path':
      return `${shown} has a path, query or fragment; an origin is only scheme://host[:port].`;
    default:
      return `${shown} is not a serialized origin.`;
  }
}

/** Whether an origin (never a pattern) is loopback: `localhost`, `*.localhost`, 127/8 or `[::1]`. */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.[0-9]+\.[0-9]+\.[0-9]+$/.test(host)
  );
}

/** Host of an entry, for the loopback and public-suffix checks. */
export function entryHost(entry: OriginEntry): { scheme: string; host: string } | undefined {
  if (entry.kind === 'pattern') return { scheme: entry.scheme, host: entry.baseHost };
  const separator = entry.origin.indexOf('://');
  if (separator === -1) return undefined;
  const authority = entry.origin.slice(separator + 3);
  const host = authority.startsWith('[')
    ? authority.slice(0, authority.indexOf(']') + 1)
    : authority.replace(/:[0-9]+$/, '');
  return { scheme: entry.origin.slice(0, separator), host };
}

/**
 * Whether some origin could match both entries: the test behind "a credentials entry must be able
 * to match an allowed origin". Exact entries compare as strings; patterns by scheme, port and host.
 */
export function entriesOverlap(a: OriginEntry, b: OriginEntry): boolean {
  if (a.kind === 'exact' && b.kind === 'exact') return a.origin === b.origin;
  if (a.kind === 'exact') return new OriginPattern(b as OriginPatternEntry).matches(a.origin);
  if (b.kind === 'exact') return new OriginPattern(a).matches(b.origin);
  if (a.scheme !== b.scheme) return false;
  if (a.port !== '*' && b.port !== '*' && a.port !== b.port) return false;
  const under = (host: string, base: string): boolean => host.endsWith(`.${base}`);
  if (a.subdomains && b.subdomains) {
    return a.baseHost === b.baseHost || under(a.baseHost, b.baseHost) || under(b.baseHost, a.baseHost);
  }
  if (a.subdomains) return under(b.baseHost, a.baseHost);
  if (b.subdomains) return under(a.baseHost, b.baseHost);
  return a.baseHost === b.baseHost;
}

// ---------------------------------------------------------------------------------------------
// Request side: hot path. No regex, no allocation.

/** Longest Origin value worth parsing: a 32-byte scheme, `://`, a 253-byte host and `:65535`. */
export const MAX_ORIGIN_LENGTH: number = 32 + 3 + 253 + 6;

function isSchemeChar(code: number, first: boolean): boolean {
  if (code >= 97 && code <= 122) return true; // a-z
  if (first) return false;
  return (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46; // 0-9 + - .
}

function isHostChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 48 && code <= 57) || // 0-9
    code === 45 || // -
    code === 95 // _
  );
}

/**
 * Whether `value` has the shape of a canonical serialized origin: lowercase scheme, `://`, a host
 * of lowercase labels (or a bracketed IPv6 literal), and an optional port without leading zeros
 * that is not the scheme's default. Hosts a URL parser would accept with other characters are
 * treated as malformed: no browser page a CORS policy could name has them.
 */
export function isWellFormedOrigin(value: string): boolean {
  const length = value.length;
  if (length === 0 || length > MAX_ORIGIN_LENGTH) return false;
  let i = 0;
  while (i < length && isSchemeChar(value.charCodeAt(i), i === 0)) i++;
  if (i === 0 || i + 3 > length) return false;
  if (
    value.charCodeAt(i) !== 58 ||
    value.charCodeAt(i + 1) !== 47 ||
    value.charCodeAt(i + 2) !== 47
  ) {
    return false; // "://"
  }
  const schemeEnd = i;
  i += 3;
  const hostStart = i;
  if (value.charCodeAt(i) === 91) {
    // "[" IPv6 "]": hex digits, ':' and '.', then checked for canonical form.
    const close = value.indexOf(']', i);
    if (close === -1) return false;
    const inner = value.slice(i + 1, close);
    if (canonicalIpv6(inner) !== inner) return false;
    i = close + 1;
  } else {
    let labelLength = 0;
    while (i < length) {
      const code = value.charCodeAt(i);
      if (code === 46) {
        if (labelLength === 0) return false; // empty label
        labelLength = 0;
      } else if (isHostChar(code)) {
        labelLength++;
      } else {
        break;
      }
      i++;
    }
    // A trailing dot names a different (but valid) host; an empty host is not an origin.
    if (i === hostStart) return false;
  }
  if (i === length) return true;
  if (value.charCodeAt(i) !== 58) return false; // ':'
  return isCanonicalPort(value, i + 1, value.slice(0, schemeEnd));
}

/** Whether `value.slice(start)` is a port browsers would send for `scheme`. */
export function isCanonicalPort(value: string, start: number, scheme: string): boolean {
  const digits = value.length - start;
  if (digits < 1 || digits > 5 || value.charCodeAt(start) === 48) return false;
  let port = 0;
  for (let i = start; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
    port = port * 10 + (code - 48);
  }
  if (port > 65535) return false;
  return DEFAULT_PORTS[scheme] !== String(port);
}

/** Whether `value.slice(start, end)` is one or more non-empty host labels. */
function isLabels(value: string, start: number, end: number): boolean {
  if (end <= start) return false;
  let labelLength = 0;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code === 46) {
      if (labelLength === 0) return false;
      labelLength = 0;
    } else if (isHostChar(code)) {
      labelLength++;
    } else {
      return false;
    }
  }
  return labelLength > 0;
}

/**
 * A compiled pattern: string operations on a parsed shape, never a regular expression built from
 * configuration (CORS-SPEC 10.2).
 */
export class OriginPattern {
  readonly source: string;
  readonly #prefix: string;
  readonly #scheme: string;
  /** `.example.com` for subdomain patterns, `localhost` for port-only patterns. */
  readonly #hostSuffix: string;
  readonly #subdomains: boolean;
  readonly #port: string;

  constructor(entry: OriginPatternEntry) {
    this.source = entry.source;
    this.#scheme = entry.scheme;
    this.#prefix = `${entry.scheme}://`;
    this.#subdomains = entry.subdomains;
    this.#hostSuffix = entry.subdomains ? `.${entry.baseHost}` : entry.baseHost;
    this.#port = entry.port;
  }

  matches(origin: string): boolean {
    const prefix = this.#prefix;
    if (origin.length > MAX_ORIGIN_LENGTH || !origin.startsWith(prefix)) return false;
    let hostEnd = origin.length;
    if (this.#port === '*') {
      // The port follows the host; an IPv6 host has colons of its own, inside its brackets.
      const colon = origin.indexOf(
        ':',
        origin.charCodeAt(prefix.length) === 91 ? origin.indexOf(']', prefix.length) : prefix.length,
      );
      if (colon !== -1) {
        if (!isCanonicalPort(origin, colon + 1, this.#scheme)) return false;
        hostEnd = colon;
      }
    } else if (this.#port !== '') {
      if (!origin.endsWith(this.#port)) return false;
      hostEnd -= this.#port.length;
    }
    const suffix = this.#hostSuffix;
    const suffixStart = hostEnd - suffix.length;
    if (suffixStart < prefix.length || !origin.startsWith(suffix, suffixStart)) return false;
    if (!this.#subdomains) return suffixStart === prefix.length;
    return isLabels(origin, prefix.length, suffixStart);
  }
}
