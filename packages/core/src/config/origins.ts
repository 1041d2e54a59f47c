import { serializeHost } from '../host.ts';
import { configMessages as say } from '../messages/config.ts';
import { quote } from '../messages/quote.ts';
import type { OriginPatternEntry } from '../protocol/origin.ts';
import { DEFAULT_PORTS, OriginPattern } from '../protocol/origin.ts';
import type { CorsConfigProblemCode } from './problems.ts';

/**
 * Origins as written in a policy. A serialized origin is `scheme "://" host [":" port]`
 * (https://fetch.spec.whatwg.org/#origin-header): lowercase scheme and host, punycode for IDN
 * hosts, canonical IP literals, no default port, and no path, query, fragment or user info.
 * Browsers only ever send that form, so the *policy* is held to it when it is built, and a request
 * is then compared as an exact string. An entry in any other form is refused with the canonical
 * form to write, never silently normalized.
 */

/** A configured origin: one exact serialized origin, or a pattern. */
export type OriginEntry = ExactOriginEntry | OriginPatternEntry;

export interface ExactOriginEntry {
  readonly kind: 'exact';
  readonly origin: string;
}

export interface OriginSyntaxProblem {
  readonly kind: 'problem';
  readonly code: CorsConfigProblemCode;
  readonly message: string;
  /** The canonical form, where the entry has one. */
  readonly canonical?: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*$/i;
const DOMAIN_LABEL = /^[a-z0-9_-]+$/;
const IPV4_LIKE = /^[0-9.]+$|^0x/i;

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
      : problem('origin-null', say.originNull(shown));
  }
  if (input.toLowerCase() === 'null') return problem('origin-malformed', say.originNullCase(shown));
  const separator = input.indexOf('://');
  if (separator === -1) {
    if (/^file:/i.test(input)) return fileEntry(input, allow.fileOrigins);
    const looksLikeHost = /^[^\s/:]+(:\d+)?$/.test(input);
    const example = looksLikeHost
      ? `"https://${input.toLowerCase()}"`
      : '"https://app.example.com"';
    return problem('origin-malformed', say.notAnOrigin(shown, example));
  }
  const rawScheme = input.slice(0, separator);
  if (!SCHEME.test(rawScheme)) return problem('origin-malformed', say.badScheme(shown));
  // The first way the entry differs from its canonical form; reported with that form.
  let deviation: CorsConfigProblemCode | undefined;
  const deviate = (code: CorsConfigProblemCode): void => {
    deviation ??= code;
  };
  const scheme = rawScheme.toLowerCase();
  if (scheme !== rawScheme) deviate('origin-uppercase');
  if (scheme === 'file') return fileEntry(input, allow.fileOrigins);

  const rest = input.slice(separator + 3);
  const authorityEnd = rest.search(/[/?#]/);
  let authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    deviate('origin-userinfo');
    authority = authority.slice(at + 1);
  }

  let rawHost: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return problem('origin-malformed', say.unterminatedIpv6(shown));
    rawHost = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after.startsWith(':')) portText = after.slice(1);
    else if (after !== '') return problem('origin-malformed', say.textAfterIpv6(shown));
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
      return problem('origin-port-invalid', say.portInvalid(shown, portText));
    } else {
      const value = String(Number(portText));
      if (value !== portText) deviate('origin-port-invalid');
      if (DEFAULT_PORTS[scheme] === value) deviate('origin-default-port');
      else port = `:${value}`;
    }
  }

  if (rawHost === '') return problem('origin-malformed', say.noHost(shown));
  let base = rawHost;
  const subdomains = base.startsWith('*.');
  if (subdomains) base = base.slice(2);
  if (base.includes('*')) return problem('origin-pattern-invalid', say.patternInvalid(shown));
  if (base.endsWith('.')) {
    deviate('origin-trailing-dot');
    base = base.replace(/\.+$/, '');
  }
  // The URL parser's host serializer is the browser's: punycode, IP literals, lowercase.
  const host = serializeHost(base);
  if (host === undefined) {
    return problem(
      'origin-malformed',
      base.startsWith('[') || IPV4_LIKE.test(base) ? say.invalidIp(shown) : say.invalidHost(shown),
    );
  }
  const isIp = host.startsWith('[') || /^[0-9.]+$/.test(host);
  if (isIp && subdomains) return problem('origin-malformed', say.invalidIp(shown));
  if (!isIp && host.split('.').some((label) => !DOMAIN_LABEL.test(label))) {
    return problem('origin-malformed', say.invalidHost(shown));
  }
  if (host !== base) {
    if (isIp) deviate('origin-ip-noncanonical');
    else if (/[^\x20-\x7e]/.test(base)) deviate('origin-unicode');
    else if (host === base.toLowerCase()) deviate('origin-uppercase');
    else deviate('origin-malformed');
  }

  if (tail === '/') deviate('origin-trailing-slash');
  else if (tail !== '') deviate('origin-path');

  const canonical = `${scheme}://${subdomains ? '*.' : ''}${host}${port === '*' ? ':*' : port}`;
  if (deviation !== undefined) {
    return {
      kind: 'problem',
      code: deviation,
      message: say.deviation(deviation, shown, canonical),
      canonical,
    };
  }
  if (subdomains || port === '*') {
    return { kind: 'pattern', source: canonical, scheme, baseHost: host, subdomains, port };
  }
  return { kind: 'exact', origin: canonical };
}

function fileEntry(input: string, allowed: boolean): OriginEntry | OriginSyntaxProblem {
  if (allowed) return { kind: 'exact', origin: input };
  return problem('origin-file', say.originFile(quote(input)));
}

/** The canonical form of a configured origin, or the input itself when it has none. */
export function canonicalOrigin(input: string): string {
  const parsed = parseConfiguredOrigin(input, { nullOrigin: true, fileOrigins: true });
  // An entry without a problem is written canonically already: its origin or source is the input.
  return parsed.kind === 'problem' ? (parsed.canonical ?? input) : input;
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
  // A canonical origin's authority is its host and an optional `:port`; an IPv6 literal ends in `]`.
  const host = entry.origin.slice(separator + 3).replace(/:[0-9]+$/, '');
  return { scheme: entry.origin.slice(0, separator), host };
}

/** How an entry is written in a policy. */
export function writtenForm(entry: OriginEntry): string {
  return entry.kind === 'exact' ? entry.origin : entry.source;
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
    return (
      a.baseHost === b.baseHost || under(a.baseHost, b.baseHost) || under(b.baseHost, a.baseHost)
    );
  }
  if (a.subdomains) return under(b.baseHost, a.baseHost);
  if (b.subdomains) return under(a.baseHost, b.baseHost);
  return a.baseHost === b.baseHost;
}
