import { serializeHost } from '../host.ts';

/**
 * The `Origin` request header (https://fetch.spec.whatwg.org/#origin-header): a serialized origin,
 * `scheme "://" host [":" port]`, or `null`. Browsers only ever send the canonical serialization
 * (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin), so a
 * request's Origin is compared as an exact string and any other form is denied, never normalized.
 * Hot path: no regular expression, no allocation.
 */

/** Longest Origin value worth parsing: a 32-byte scheme, `://`, a 253-byte host and `:65535`. */
export const MAX_ORIGIN_LENGTH: number = 32 + 3 + 253 + 6;

/** Default ports, which a serialized origin leaves out. */
export const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  http: '80',
  https: '443',
  ws: '80',
  wss: '443',
};

function isSchemeChar(code: number, first: boolean): boolean {
  if (code >= 97 && code <= 122) return true; // a-z
  if (first) return false;
  return (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46; // 0-9 + - .
}

/** Host characters Corsica accepts: lowercase letters, digits, `-` and `_` (punycode for IDN). */
export function isHostChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 48 && code <= 57) || // 0-9
    code === 45 || // -
    code === 95 // _
  );
}

/**
 * Whether `value` has the shape of a canonical serialized origin: lowercase scheme, `://`, a host
 * of lowercase labels (or a bracketed IPv6 literal as the URL parser serializes it), and an
 * optional port without leading zeros that is not the scheme's default. Hosts a URL parser would
 * accept with other characters are treated as malformed: no page a CORS policy could name has them.
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
    // "[" IPv6 "]", exactly as the URL parser serializes it.
    const close = value.indexOf(']', i);
    if (close === -1) return false;
    const literal = value.slice(i, close + 1);
    if (serializeHost(literal) !== literal) return false;
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

/**
 * A compiled pattern: string operations on a parsed shape, never a regular expression built from
 * configuration, so no pattern can match more than its shape says.
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
        origin.charCodeAt(prefix.length) === 91
          ? origin.indexOf(']', prefix.length)
          : prefix.length,
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
