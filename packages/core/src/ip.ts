/**
 * IP-address hosts in their canonical serialization (WHATWG URL "host serializing"): IPv4 in
 * dotted decimal without leading zeros, IPv6 lowercase, compressed at the first longest run of
 * two or more zero pieces, no leading zeros. Browsers send exactly this form in `Origin`.
 */

/** Canonical IPv4 text for `host`, or undefined when `host` is not four decimal octets. */
export function canonicalIpv4(host: string): string | undefined {
  const parts = host.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    octets.push(value);
  }
  return octets.join('.');
}

/** Whether `host` looks like an IPv4 address (WHATWG URL: the last label is numeric). */
export function looksLikeIpv4(host: string): boolean {
  const last = host.split('.').pop() ?? '';
  return /^(0x[0-9a-f]*|[0-9]+)$/i.test(last);
}

function parseIpv6Pieces(text: string): number[] | undefined {
  let address = text.toLowerCase();
  const lastColon = address.lastIndexOf(':');
  if (address.includes('.', lastColon)) {
    // An embedded IPv4 tail (`::ffff:1.2.3.4`) is two more 16-bit pieces.
    const ipv4 = canonicalIpv4(address.slice(lastColon + 1));
    if (ipv4 === undefined) return undefined;
    const [a, b, c, d] = ipv4.split('.').map(Number) as [number, number, number, number];
    address = `${address.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const pieces: number[] = [];
    for (const piece of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(piece)) return undefined;
      pieces.push(Number.parseInt(piece, 16));
    }
    return pieces;
  };
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const explicit = head.length + rest.length;
  if (halves.length === 1 && explicit !== 8) return undefined;
  if (halves.length === 2 && explicit > 7) return undefined;
  const zeros = new Array<number>(8 - explicit).fill(0);
  return [...head, ...zeros, ...rest];
}

/** Canonical bracket-less IPv6 text for `text`, or undefined when it does not parse. */
export function canonicalIpv6(text: string): string | undefined {
  const pieces = parseIpv6Pieces(text);
  if (pieces === undefined || pieces.length !== 8) return undefined;
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (pieces[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && pieces[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = pieces.map((piece) => piece.toString(16));
  if (bestStart === -1) return hex.join(':');
  const before = hex.slice(0, bestStart).join(':');
  const after = hex.slice(bestStart + bestLength).join(':');
  return `${before}::${after}`;
}
