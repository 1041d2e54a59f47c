/**
 * Request targets a router may resolve to another path than their literal text. A per-path policy
 * matched on the literal text would then apply the policy of a path the request does not reach,
 * so such targets get no CORS allowance at all.
 */

/** The value of two hex digits, or -1. */
function hexByte(high: number, low: number): number {
  const digit = (code: number): number => {
    if (code >= 48 && code <= 57) return code - 48;
    const letter = code | 0x20;
    return letter >= 97 && letter <= 102 ? letter - 87 : -1;
  };
  const h = digit(high);
  const l = digit(low);
  return h < 0 || l < 0 ? -1 : h * 16 + l;
}

/** RFC 3986 §2.3 unreserved: clients never percent-encode these, routers that decode see them plain. */
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 48 && byte <= 57) || // 0-9
    ((byte | 0x20) >= 97 && (byte | 0x20) <= 122) || // A-Z a-z
    byte === 45 || // -
    byte === 46 || // .
    byte === 95 || // _
    byte === 126 // ~
  );
}

/**
 * Whether routers may resolve `path` to another path than its literal text: dot segments (`/./`,
 * `/../`, a trailing `/.` or `/..`), an empty segment (`//`, which some servers merge), a
 * backslash, or a percent-encoded slash, backslash or unreserved character (`%2e`, `%2F`, `%5c`,
 * `%61`…), which routers that decode before matching (Fastify, Hono) read as plain text.
 * One pass, no allocation.
 */
export function isUnsafePath(path: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const code = path.charCodeAt(i);
    if (code === 92) return true; // '\'
    if (code === 47 && i + 1 < end && path.charCodeAt(i + 1) === 47) return true; // '//'
    if (code === 37 && i + 2 < end) {
      const byte = hexByte(path.charCodeAt(i + 1), path.charCodeAt(i + 2));
      // -1 (no escape) is no unreserved character.
      if (byte === 0x2f || byte === 0x5c || isUnreserved(byte)) return true;
    }
    if (code === 46 && (i === 0 || path.charCodeAt(i - 1) === 47)) {
      let j = i + 1;
      if (j < end && path.charCodeAt(j) === 46) j++;
      if (j === end || path.charCodeAt(j) === 47) return true;
    }
  }
  return false;
}
