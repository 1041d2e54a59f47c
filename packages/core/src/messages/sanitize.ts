/**
 * Values a request carries (an Origin, a header name, a path) end up in messages, log lines and
 * log records. A hostile one must not forge a log line (CR/LF: flask-cors CVE-2024-1681), hide or
 * reorder text on a terminal (C1 controls, bidi overrides, `U+2028`/`U+2029`), or flood it.
 */

/** The longest value shown whole; longer ones are cut and say by how much. */
export const MAX_LOGGED_LENGTH = 256;

/**
 * Whether a UTF-16 code unit must be escaped: C0 controls, DEL, C1 controls (U+0080-U+009F), the
 * line and paragraph separators, and the bidi embedding, override and isolate controls.
 */
function escaped(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * `value` made safe to print: every control, separator and bidi character written as `\uXXXX`
 * (`\t`, `\n`, `\r` for those three), backslashes doubled, and anything past 256 characters cut
 * with a `…(+N)` suffix giving how many were left out.
 */
export function sanitizeForLog(value: string): string {
  const cut = value.length > MAX_LOGGED_LENGTH;
  const shown = cut ? value.slice(0, MAX_LOGGED_LENGTH) : value;
  let out = '';
  let from = 0;
  for (let i = 0; i < shown.length; i++) {
    const code = shown.charCodeAt(i);
    if (code !== 0x5c && !escaped(code)) continue;
    out += shown.slice(from, i);
    out +=
      code === 0x5c
        ? '\\\\'
        : code === 0x09
          ? '\\t'
          : code === 0x0a
            ? '\\n'
            : code === 0x0d
              ? '\\r'
              : `\\u${code.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  out += shown.slice(from);
  return cut ? `${out}…(+${value.length - MAX_LOGGED_LENGTH})` : out;
}
