/**
 * RFC 9110 §5.6.2 `tchar`: ALPHA, DIGIT and ``!#$%&'*+-.^_`|~``. Methods and field names are
 * tokens (Fetch "Methods", "Headers"). A 128-entry table keeps the check branch-light; every
 * code unit at or above 128 is rejected by the bound check.
 */
const TCHAR: Uint8Array = buildTcharTable();

function buildTcharTable(): Uint8Array {
  const table = new Uint8Array(128);
  const specials = "!#$%&'*+-.^_`|~";
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
      table[c] = 1;
    }
  }
  for (const ch of specials) table[ch.charCodeAt(0)] = 1;
  return table;
}

/** Whether `code` (a UTF-16 code unit) is an RFC 9110 `tchar`. */
export function isTchar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

/** Whether `value` is a non-empty RFC 9110 token. */
export function isToken(value: string): boolean {
  const length = value.length;
  if (length === 0) return false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || TCHAR[code] !== 1) return false;
  }
  return true;
}

/** Fetch "CORS-safelisted method": byte-exact `GET`, `HEAD`, `POST`. */
export const SAFELISTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);

/** Fetch "forbidden method", compared case-insensitively (stored uppercase). */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * Methods a browser uppercases when it meets them in any case (Fetch "normalize" a method),
 * plus common methods it does not normalize. A lowercase spelling of one of these in a policy is
 * almost certainly a typo: `delete` never arrives (browsers send `DELETE`), and `patch` only
 * arrives from scripts that wrote it in lowercase.
 */
export const WELL_KNOWN_METHODS: ReadonlySet<string> = new Set([
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'POST',
  'PUT',
  'PATCH',
  'QUERY',
]);

/**
 * Fetch "forbidden request-header": set by the browser alone, so scripts can never put them in
 * `Access-Control-Request-Headers`. Allowing them in a policy does nothing. Lowercase.
 */
export const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'access-control-request-private-network',
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

/** Fetch "forbidden request-header" prefixes. */
export const FORBIDDEN_REQUEST_HEADER_PREFIXES: readonly string[] = ['proxy-', 'sec-'];

/** Fetch "forbidden response-header name": never readable by scripts, whatever is exposed. */
export const FORBIDDEN_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'set-cookie',
  'set-cookie2',
]);

/** Fetch "CORS-safelisted response-header name": always readable, exposing them is a no-op. */
export const SAFELISTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

/** Fetch "CORS non-wildcard request-header name": `*` in `Access-Control-Allow-Headers` never covers it. */
export const NON_WILDCARD_REQUEST_HEADER = 'authorization';
