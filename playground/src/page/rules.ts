import type { HeaderLine } from './types.ts';

/**
 * The request-side rules of the Fetch standard the page needs to say what the browser will do
 * before it does it: which requests are preflighted, and with which
 * `Access-Control-Request-Headers`. Pure, so the tests run without a browser.
 */

/** What the page lets a person send. */
export type BodyKind = 'none' | 'text' | 'form' | 'multipart' | 'json';
export type CredentialsMode = 'omit' | 'same-origin' | 'include';

export interface RequestSpec {
  readonly method: string;
  /** Headers the person wrote, in order. */
  readonly headers: readonly HeaderLine[];
  readonly body: BodyKind;
  readonly credentials: CredentialsMode;
}

/** The Content-Type `fetch()` sets for each body, unless a header sets one. */
export const BODY_CONTENT_TYPES: Readonly<Record<BodyKind, string | undefined>> = {
  none: undefined,
  text: 'text/plain;charset=UTF-8',
  form: 'application/x-www-form-urlencoded;charset=UTF-8',
  multipart: 'multipart/form-data; boundary=----PlaygroundBoundary',
  // Not a default of fetch(): the page sets it, as every JSON client does.
  json: 'application/json',
};

/** https://fetch.spec.whatwg.org/#concept-method-normalize: only these six are uppercased. */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

/**
 * https://fetch.spec.whatwg.org/#forbidden-request-header: names a script cannot set. Browsers
 * drop them silently (`Cookie` comes from `credentials`, never from a header).
 */
const FORBIDDEN_NAMES = new Set([
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

export function isForbiddenHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN_NAMES.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
}

/** The headers the browser sends for `spec`: forbidden ones dropped, the body's Content-Type added. */
export function effectiveHeaders(spec: RequestSpec): HeaderLine[] {
  const kept = spec.headers.filter(([name]) => !isForbiddenHeader(name));
  const implied = BODY_CONTENT_TYPES[spec.body];
  const hasType = kept.some(([name]) => name.toLowerCase() === 'content-type');
  return implied === undefined || hasType ? kept : [...kept, ['Content-Type', implied]];
}

const SAFELISTED_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/** https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte */
function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x09) ||
      code === 0x7f ||
      '"():<>?@[\\]{}'.includes(value[i] ?? '')
    ) {
      return true;
    }
  }
  return false;
}

/** Why a header is not a CORS-safelisted request-header; undefined when it is one. */
export function unsafeBecause(name: string, value: string): string | undefined {
  // https://fetch.spec.whatwg.org/#cors-safelisted-request-header
  if (value.length > 128) return 'its value is longer than 128 bytes';
  switch (name.toLowerCase()) {
    case 'accept':
      return hasUnsafeByte(value) ? 'its value has a byte CORS does not safelist' : undefined;
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value)
        ? undefined
        : 'its value has a character CORS does not safelist';
    case 'content-type': {
      if (hasUnsafeByte(value)) return 'its value has a byte CORS does not safelist';
      const essence = value.split(';', 1)[0]?.trim().toLowerCase() ?? '';
      return SAFELISTED_CONTENT_TYPES.has(essence)
        ? undefined
        : `${essence || 'an empty type'} is not form data, multipart or text/plain`;
    }
    case 'range':
      return /^bytes=\d+-\d*$/.test(value)
        ? undefined
        : 'only `bytes=N-` or `bytes=N-M` is safelisted';
    default:
      return 'it is not one of the safelisted headers';
  }
}

/** What the browser does before the request. */
export interface PreflightForecast {
  /** Whether the browser asks first (unless a cached preflight covers the request). */
  readonly needed: boolean;
  /** Why, in words: one line per reason. */
  readonly reasons: readonly string[];
  /** `Access-Control-Request-Method` of the preflight. */
  readonly method: string;
  /** `Access-Control-Request-Headers`: the unsafe names, lowercase, sorted; undefined if none. */
  readonly headers: string | undefined;
}

/** https://fetch.spec.whatwg.org/#cors-preflight-fetch and the rules before it (main fetch, step 5). */
export function forecastPreflight(spec: RequestSpec): PreflightForecast {
  const method = normalizeMethod(spec.method);
  const reasons: string[] = [];
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    reasons.push(`${method} is not GET, HEAD or POST`);
  }
  const unsafe = new Set<string>();
  const safelisted: [string, string][] = [];
  for (const [name, value] of effectiveHeaders(spec)) {
    const lower = name.toLowerCase();
    const because = unsafeBecause(name, value);
    if (because === undefined) safelisted.push([lower, value]);
    else {
      unsafe.add(lower);
      reasons.push(`${name}: ${because}`);
    }
  }
  const total = safelisted.reduce((sum, [, value]) => sum + value.length, 0);
  if (total > 1024) {
    for (const [name] of safelisted) unsafe.add(name);
    reasons.push(`the safelisted header values total ${total} bytes, over 1024`);
  }
  const names = [...unsafe].sort();
  return {
    needed: reasons.length > 0,
    reasons,
    method,
    headers: names.length > 0 ? names.join(',') : undefined,
  };
}

/** Parses `Name: value` lines; blank lines are skipped. */
export function parseHeaderLines(text: string): { headers: HeaderLine[]; problems: string[] } {
  const headers: HeaderLine[] = [];
  const problems: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).trim();
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
      problems.push(`"${line}" is not "Name: value"`);
      continue;
    }
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { headers, problems };
}

export function formatHeaderLines(headers: readonly HeaderLine[]): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join('\n');
}
