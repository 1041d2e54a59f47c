/**
 * RFC 3492 Punycode encoder, used only to tell users the ASCII form of a Unicode host they wrote
 * in a policy. Browsers send IDN hosts in their `xn--` form (RFC 6454 §6.2, Fetch "`Origin`
 * header"), so the policy must hold that form too.
 *
 * Deliberately not UTS #46: labels are lowercased with `String#toLowerCase` and encoded as is, with
 * no mapping table (no NFC, no width folding, no `ß` handling). Hosts that need more should be
 * converted with a full IDNA implementation, e.g. `new URL('https://bücher.example').origin`.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digit(value: number): string {
  // 0..25 -> a..z, 26..35 -> 0..9 (RFC 3492 §5)
  return String.fromCharCode(value < 26 ? value + 97 : value + 22);
}

/** Encodes one label's code points as Punycode (without the `xn--` prefix). */
export function punycodeEncode(label: string): string {
  const codePoints = Array.from(label, (ch) => ch.codePointAt(0) as number);
  let output = '';
  for (const cp of codePoints) if (cp < 128) output += String.fromCharCode(cp);
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength > 0) output += '-';

  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    let m = Number.MAX_SAFE_INTEGER;
    for (const cp of codePoints) if (cp >= n && cp < m) m = cp;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of codePoints) {
      if (cp < n) delta++;
      if (cp === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          output += digit(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digit(q);
        bias = adapt(delta, handled + 1, handled === basicLength);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/** Lowercases a host and replaces every non-ASCII label with its `xn--` form. */
export function hostToAscii(host: string): string {
  return host
    .toLowerCase()
    .split('.')
    .map((label) => (isAscii(label) ? label : `xn--${punycodeEncode(label)}`))
    .join('.');
}

/** Whether every code unit of `text` is ASCII. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
