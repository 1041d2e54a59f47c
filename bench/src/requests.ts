/**
 * Requests as an HTTP parser delivers them: header names in lowercase, values freshly decoded from
 * bytes. A string literal reused across calls caches its hash and is internalized, which flatters
 * every Map lookup and string comparison; `Buffer.toString('latin1')` makes a new string each time,
 * exactly as Node's parser does for every request.
 */

export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  /** Lowercase names, in the order a browser sends them, values kept as bytes. */
  readonly headers: readonly (readonly [name: string, value: Buffer])[];
}

export type HeaderLines = [name: string, value: string][];

export function bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** The request's header lines with new strings, as the parser would make them for one request. */
export function freshLines(spec: RequestSpec): HeaderLines {
  const lines: HeaderLines = [];
  for (const [name, value] of spec.headers) lines.push([name, value.toString('latin1')]);
  return lines;
}

/** Node's `req.headers`: a plain object built one line at a time, with fresh values. */
export function freshHeaderObject(spec: RequestSpec): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of spec.headers) headers[name] = value.toString('latin1');
  return headers;
}

/** What a browser sends besides the CORS headers, so header objects have a realistic size. */
const BROWSER_HEADERS: readonly (readonly [string, string])[] = [
  ['host', 'api.example.com'],
  [
    'user-agent',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  ],
  ['accept', '*/*'],
  ['accept-language', 'en-US,en;q=0.9'],
  ['accept-encoding', 'gzip, deflate, br'],
  ['sec-fetch-mode', 'cors'],
  ['sec-fetch-site', 'same-site'],
];

/** A request spec: browser headers, then the given ones (CORS headers), all kept as bytes. */
export function requestSpec(
  method: string,
  path: string,
  extra: readonly (readonly [string, string])[],
): RequestSpec {
  const headers = [...BROWSER_HEADERS, ...extra].map(
    ([name, value]) => [name, bytes(value)] as const,
  );
  return { method, path, headers };
}
