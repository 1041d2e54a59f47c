/**
 * The request-side rules of the WHATWG Fetch standard that decide what a page's `fetch()` sends:
 * method normalization, forbidden methods and headers, CORS-safelisting, and the
 * `Access-Control-Request-Headers` value. Pure functions, no I/O.
 */

/** A header as a script would set it: the name as given, the value normalized. */
export interface RequestHeader {
  readonly name: string;
  readonly value: string;
}

/** RFC 9110 §5.6.2 `tchar`. */
function isTchar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    "!#$%&'*+-.^_`|~".includes(String.fromCharCode(code))
  );
}

/** Whether `value` is an RFC 9110 token: what a method and a header name must be. */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!isTchar(value.charCodeAt(i))) return false;
  return true;
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-method: `GET`, `HEAD`, `POST`, byte for byte. */
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

/** https://fetch.spec.whatwg.org/#forbidden-method: `CONNECT`, `TRACE`, `TRACK`, any case. */
export function isForbiddenMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK';
}

const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * https://fetch.spec.whatwg.org/#concept-method-normalize: only `DELETE`, `GET`, `HEAD`,
 * `OPTIONS`, `POST` and `PUT` are uppercased (byte-case-insensitively matched); every other method
 * is sent exactly as written, so `patch` stays `patch` and never matches `PATCH`.
 */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

/** Fetch's forbidden request-header names, lowercase (https://fetch.spec.whatwg.org/#forbidden-request-header). */
const FORBIDDEN_HEADER_NAMES = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

const METHOD_OVERRIDE_NAMES = new Set([
  'x-http-method',
  'x-http-method-override',
  'x-method-override',
]);

/**
 * https://fetch.spec.whatwg.org/#forbidden-request-header: a header a script cannot set (`fetch()`
 * silently drops it). Beyond the listed names: every `Proxy-*` and `Sec-*` name, every
 * `Access-Control-Request-*` name (Chromium also reserves `Access-Control-Request-Private-Network`),
 * and `X-HTTP-Method(-Override)` / `X-Method-Override` naming a forbidden method.
 */
export function isForbiddenRequestHeader(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (FORBIDDEN_HEADER_NAMES.has(lower)) return true;
  if (
    lower.startsWith('proxy-') ||
    lower.startsWith('sec-') ||
    lower.startsWith('access-control-request-')
  ) {
    return true;
  }
  if (METHOD_OVERRIDE_NAMES.has(lower)) {
    // "get, decode, and split" the value, then look for a forbidden method.
    return value.split(',').some((method) => isForbiddenMethod(method.trim()));
  }
  return false;
}

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
export function isCorsUnsafeRequestHeaderByte(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09) ||
    code === 0x22 ||
    code === 0x28 ||
    code === 0x29 ||
    code === 0x3a ||
    code === 0x3c ||
    code === 0x3e ||
    code === 0x3f ||
    code === 0x40 ||
    code === 0x5b ||
    code === 0x5c ||
    code === 0x5d ||
    code === 0x7b ||
    code === 0x7d ||
    code === 0x7f
  );
}

function hasCorsUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (isCorsUnsafeRequestHeaderByte(value.charCodeAt(i))) return true;
  }
  return false;
}

/** The bytes `Accept-Language` and `Content-Language` values may hold: alphanumerics and ` *,-.;=`. */
function isLanguageByte(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x20 ||
    code === 0x2a ||
    code === 0x2c ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x3b ||
    code === 0x3d
  );
}

const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/**
 * The essence (`type/subtype`, lowercase) of a MIME type, or null when it does not parse
 * (https://mimesniff.spec.whatwg.org/#parse-a-mime-type, up to the essence: parameters are not
 * needed to decide safelisting).
 */
export function mimeTypeEssence(value: string): string | null {
  const input = value.replace(HTTP_WHITESPACE, '');
  const slash = input.indexOf('/');
  if (slash <= 0) return null;
  const type = input.slice(0, slash);
  const rest = input.slice(slash + 1);
  const semicolon = rest.indexOf(';');
  const subtype = (semicolon === -1 ? rest : rest.slice(0, semicolon)).replace(/[\t\n\r ]+$/, '');
  if (!isToken(type) || !isToken(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}

const SAFELISTED_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/**
 * https://fetch.spec.whatwg.org/#simple-range-header-value ("parse a single range header value",
 * whitespace not allowed): `bytes=N-`, `bytes=N-M` or `bytes=-N`, with N ≤ M. Returns the start
 * and end, or null when the value does not parse.
 */
export function parseSingleRange(
  value: string,
): { start: number | null; end: number | null } | null {
  const match = /^bytes=([0-9]*)-([0-9]*)$/.exec(value);
  if (match === null) return null;
  const start = match[1] === '' ? null : Number(match[1]);
  const end = match[2] === '' ? null : Number(match[2]);
  if (start === null && end === null) return null;
  if (start !== null && end !== null && start > end) return null;
  return { start, end };
}

/** Why a header is not a CORS-safelisted request-header, in words; null when it is one. */
export function corsSafelistFailure(name: string, value: string): string | null {
  // https://fetch.spec.whatwg.org/#cors-safelisted-request-header
  if (value.length > 128) return 'its value is longer than 128 bytes';
  switch (name.toLowerCase()) {
    case 'accept':
      return hasCorsUnsafeByte(value) ? 'its value holds a CORS-unsafe request-header byte' : null;
    case 'accept-language':
    case 'content-language':
      for (let i = 0; i < value.length; i++) {
        if (!isLanguageByte(value.charCodeAt(i))) {
          return `its value holds ${JSON.stringify(value[i])}, which is not allowed there`;
        }
      }
      return null;
    case 'content-type': {
      if (hasCorsUnsafeByte(value)) return 'its value holds a CORS-unsafe request-header byte';
      const essence = mimeTypeEssence(value);
      if (essence === null) return 'its value is not a MIME type';
      return SAFELISTED_CONTENT_TYPES.has(essence)
        ? null
        : `${essence} is not application/x-www-form-urlencoded, multipart/form-data or text/plain`;
    }
    case 'range': {
      const range = parseSingleRange(value);
      if (range === null) return 'its value is not a single `bytes=N-` or `bytes=N-M` range';
      // Browsers have never sent suffix ranges (`bytes=-500`), so they are not safelisted.
      return range.start === null ? 'a suffix range (`bytes=-N`) is not safelisted' : null;
    }
    default:
      return 'only Accept, Accept-Language, Content-Language, Content-Type and Range can be';
  }
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header */
export function isCorsSafelistedRequestHeader(name: string, value: string): boolean {
  return corsSafelistFailure(name, value) === null;
}

/** The largest total of safelisted header values (in bytes) that keeps them safelisted. */
export const SAFELISTED_VALUE_TOTAL_MAX = 1024;

/** A header that makes the request need a preflight, and why. */
export interface UnsafeHeader {
  /** The name, lowercase. */
  readonly name: string;
  readonly reason: string;
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names: the headers that are not
 * CORS-safelisted, plus every safelisted one when their values total more than 1024 bytes; in
 * header-list order, lowercase, possibly repeated. `corsUnsafeRequestHeaderNames` sorts them.
 */
export function corsUnsafeRequestHeaders(headers: readonly RequestHeader[]): UnsafeHeader[] {
  const unsafe: UnsafeHeader[] = [];
  const potentiallyUnsafe: string[] = [];
  let safelistValueSize = 0;
  for (const { name, value } of headers) {
    const failure = corsSafelistFailure(name, value);
    if (failure === null) {
      potentiallyUnsafe.push(name.toLowerCase());
      safelistValueSize += value.length;
    } else {
      unsafe.push({ name: name.toLowerCase(), reason: failure });
    }
  }
  if (safelistValueSize > SAFELISTED_VALUE_TOTAL_MAX) {
    const reason = `the safelisted header values total ${safelistValueSize} bytes, over ${SAFELISTED_VALUE_TOTAL_MAX}`;
    for (const name of potentiallyUnsafe) unsafe.push({ name, reason });
  }
  return unsafe;
}

/**
 * https://fetch.spec.whatwg.org/#convert-header-names-to-a-sorted-lowercase-set applied to the
 * CORS-unsafe request-header names: lowercase, deduplicated, sorted by code unit (byte order for
 * the tokens header names are).
 */
export function corsUnsafeRequestHeaderNames(headers: readonly RequestHeader[]): string[] {
  const names = new Set(corsUnsafeRequestHeaders(headers).map((header) => header.name));
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The `Access-Control-Request-Headers` value of a preflight
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch, step 5): the CORS-unsafe request-header
 * names joined with `,` and no space, or null when there are none (the header is then omitted).
 */
export function accessControlRequestHeaders(headers: readonly RequestHeader[]): string | null {
  const names = corsUnsafeRequestHeaderNames(headers);
  return names.length === 0 ? null : names.join(',');
}

/**
 * https://fetch.spec.whatwg.org/#concept-header-value-normalize: strip leading and trailing HTTP
 * whitespace bytes.
 */
export function normalizeHeaderValue(value: string): string {
  return value.replace(HTTP_WHITESPACE, '');
}

/**
 * Why `fetch()` would throw a TypeError for this header (an invalid name or value, or a value that
 * is not a ByteString), or null when it is valid. Forbidden headers are a separate matter.
 */
export function invalidHeaderReason(name: string, value: string): string | null {
  if (!isToken(name)) return `${JSON.stringify(name)} is not a valid header name (a token)`;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff) {
      return `the value of ${name} holds ${JSON.stringify(value[i])}, which is not a byte (fetch() only takes ByteStrings)`;
    }
    if (code === 0x00 || code === 0x0a || code === 0x0d) {
      return `the value of ${name} holds a NUL, CR or LF byte`;
    }
  }
  return null;
}

/**
 * An `Access-Control-Allow-Methods` or `Access-Control-Allow-Headers` value parsed as a list of
 * tokens (https://fetch.spec.whatwg.org/#extract-header-list-values), as Chromium does: split on
 * commas, trim spaces and tabs, skip empty elements, and fail on any element that is not a token.
 * Returns null when the header is absent, `'invalid'` (with the first bad element) on failure.
 */
export function parseAllowList(
  value: string | null,
): string[] | null | { readonly invalid: string } {
  if (value === null) return null;
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const item = raw.replace(/^[\t ]+|[\t ]+$/g, '');
    if (item === '') continue;
    if (!isToken(item)) return { invalid: item };
    items.push(item);
  }
  return items;
}

/** Fetch's request-body-header names, deleted when a redirect turns the request into a GET. */
export const REQUEST_BODY_HEADER_NAMES: ReadonlySet<string> = new Set([
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
]);
