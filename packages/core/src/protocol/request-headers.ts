import { StringIndex } from '../speed/string-index.ts';
import { isTchar, NON_WILDCARD_REQUEST_HEADER } from './tokens.ts';

/**
 * `Access-Control-Request-Headers` (https://fetch.spec.whatwg.org/#http-access-control-request-headers),
 * checked in one bounded pass.
 *
 * Tolerant of everything RFC 9110 allows between elements (OWS, empty elements, several field
 * lines: §5.2, §5.6.1) and of uppercase names, yet bounded: the total length is capped before the
 * first byte is read, so a hostile 100 KB value costs one comparison. Within the cap, each byte is
 * looked at once and each name is one set lookup. No regular expression ever sees request input.
 */

/** RFC 9110 §5.6.1.2 asks recipients to tolerate "a reasonable number" of empty elements. */
export const MAX_EMPTY_ELEMENTS = 32;
/** OWS bytes budgeted per side of each element when sizing the total cap. */
export const OWS_BUDGET = 4;
/** Names tolerated beyond the number of allowed names (duplicates from non-browser clients). */
export const EXTRA_NAMES = 16;
/**
 * With `allowedHeaders: '*'`: the most names, and the longest name, a request may carry. Pages send
 * a handful of custom headers; these bounds keep the longest value still scanned near 5 KB.
 */
export const WILDCARD_MAX_NAMES = 64;
export const WILDCARD_MAX_NAME_LENGTH = 64;

export interface RequestHeaderRules {
  /** Allowed names, lowercase. With a wildcard, holds `authorization` only if it was listed. */
  readonly allowed: ReadonlySet<string>;
  /** The same names, looked up as slices of the request's value, without hashing or copying. */
  readonly index: StringIndex<true>;
  /** `'*'`: every valid name except `authorization` (Fetch "CORS non-wildcard request-header name"). */
  readonly wildcard: boolean;
  readonly maxNameLength: number;
  readonly maxNames: number;
  /** Longest value (field lines counted as joined with `, `) that is scanned at all. */
  readonly maxTotalLength: number;
}

export type RequestHeaderFailureReason =
  | 'header-not-allowed'
  | 'header-malformed'
  | 'headers-over-limit';

export interface RequestHeaderFailure {
  readonly reason: RequestHeaderFailureReason;
  /** The offending element, or the whole value when it is over the limit. */
  readonly value: string;
}

/**
 * What the last scan examined. Internal: it exists so tests can prove the bound, and is not
 * exported from the package entry point.
 */
export const acrhScanStats: { bytes: number; elements: number } = { bytes: 0, elements: 0 };

export function compileRequestHeaderRules(
  allowed: ReadonlySet<string>,
  wildcard: boolean,
): RequestHeaderRules {
  let longest = 0;
  for (const name of allowed) longest = Math.max(longest, name.length);
  const maxNameLength = wildcard ? Math.max(longest, WILDCARD_MAX_NAME_LENGTH) : longest;
  const maxNames = wildcard
    ? Math.max(allowed.size, WILDCARD_MAX_NAMES)
    : allowed.size + EXTRA_NAMES;
  const elementBudget = 1 + 2 * OWS_BUDGET;
  return {
    allowed,
    index: new StringIndex(new Map([...allowed].map((name) => [name, true] as const))),
    wildcard,
    maxNameLength,
    maxNames,
    maxTotalLength: maxNames * (maxNameLength + elementBudget) + MAX_EMPTY_ELEMENTS * elementBudget,
  };
}

// Scan state shared by one call; JavaScript runs one scan at a time and nothing re-enters it.
let names = 0;
let empties = 0;
let canonical = true;

/**
 * Checks every name of an `Access-Control-Request-Headers` value against the rules.
 * Returns the value to send in `Access-Control-Allow-Headers` (the validated names, lowercase,
 * comma-joined; `''` when there are none), or the first failure.
 */
export function scanRequestHeaders(
  value: string | readonly string[],
  rules: RequestHeaderRules,
): string | RequestHeaderFailure {
  names = 0;
  empties = 0;
  canonical = true;
  acrhScanStats.bytes = 0;
  acrhScanStats.elements = 0;
  if (typeof value === 'string') {
    if (value.length > rules.maxTotalLength) return overLimit(value);
    const failure = scanLine(value, rules);
    if (failure !== undefined) return failure;
    return canonical ? value : normalize([value]);
  }
  // Several field lines are one list joined with commas (RFC 9110 §5.3).
  const lines = value;
  if (lines.length > rules.maxNames + MAX_EMPTY_ELEMENTS) return overLimit(lines.join(', '));
  let total = 2 * (lines.length - 1);
  for (let i = 0; i < lines.length; i++) total += (lines[i] as string).length;
  if (total > rules.maxTotalLength) return overLimit(lines.join(', '));
  for (let i = 0; i < lines.length; i++) {
    const failure = scanLine(lines[i] as string, rules);
    if (failure !== undefined) return failure;
  }
  return normalize(lines);
}

function scanLine(line: string, rules: RequestHeaderRules): RequestHeaderFailure | undefined {
  const length = line.length;
  let i = 0;
  for (;;) {
    let code = 0;
    while (i < length && isOws(line.charCodeAt(i))) {
      i++;
      canonical = false;
    }
    const start = i;
    let upper = false;
    while (i < length) {
      code = line.charCodeAt(i);
      if (code === 44 || code === 32 || code === 9) break;
      if (!isTchar(code)) return examined(i + 1, failure('header-malformed', line, start));
      if (code >= 65 && code <= 90) upper = true;
      i++;
      if (i - start > rules.maxNameLength) {
        return examined(i, failure('header-not-allowed', line, start));
      }
    }
    const end = i;
    while (i < length && isOws(line.charCodeAt(i))) {
      i++;
      canonical = false;
    }
    acrhScanStats.elements++;
    if (i < length && line.charCodeAt(i) !== 44) {
      return examined(i + 1, failure('header-malformed', line, start));
    }
    if (end === start) {
      canonical = false;
      if (++empties > MAX_EMPTY_ELEMENTS) return examined(i, overLimit(line));
    } else {
      if (++names > rules.maxNames) return examined(i, overLimit(line));
      if (upper) canonical = false;
      if (!allows(rules, line, start, end, upper)) {
        return examined(i, { reason: 'header-not-allowed', value: line.slice(start, end) });
      }
    }
    if (i >= length) return examined(i, undefined);
    i++; // the comma
  }
}

/**
 * Whether the name `line.slice(start, end)` is allowed, looked up in place: under a wildcard only
 * `authorization` needs a lookup; a lowercase name never needs copying.
 */
function allows(
  rules: RequestHeaderRules,
  line: string,
  start: number,
  end: number,
  upper: boolean,
): boolean {
  const authorization = NON_WILDCARD_REQUEST_HEADER;
  if (rules.wildcard) {
    if (end - start !== authorization.length) return true;
    const name = upper ? line.slice(start, end).toLowerCase() : line.slice(start, end);
    return name !== authorization || rules.allowed.has(authorization);
  }
  if (!upper) return rules.index.getSlice(line, start, end) !== undefined;
  return rules.index.get(line.slice(start, end).toLowerCase()) !== undefined;
}

/** RFC 9110 §5.6.3 OWS: space or horizontal tab. */
function isOws(code: number): boolean {
  return code === 32 || code === 9;
}

function examined<T>(bytes: number, result: T): T {
  acrhScanStats.bytes += bytes;
  return result;
}

/** The longest offending element a failure reports; longer ones are cut (and marked by length). */
const MAX_REPORTED_ELEMENT = 256;

function failure(
  reason: RequestHeaderFailureReason,
  line: string,
  start: number,
): RequestHeaderFailure {
  // The offending element, up to the next comma, read within a fixed window.
  const limit = Math.min(line.length, start + MAX_REPORTED_ELEMENT);
  let end = start;
  while (end < limit && line.charCodeAt(end) !== 44) end++;
  acrhScanStats.bytes += end - start;
  return { reason, value: line.slice(start, end).trim() };
}

function overLimit(value: string): RequestHeaderFailure {
  return { reason: 'headers-over-limit', value };
}

/** The validated names, lowercase, without empty elements or OWS, joined by `,` as browsers do. */
function normalize(lines: readonly string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    for (const element of line.split(',')) {
      const name = element.trim();
      if (name !== '') out.push(name.toLowerCase());
    }
  }
  return out.join(',');
}
