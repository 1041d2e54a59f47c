import type { CorsConfigProblem, CorsConfigProblemCode } from './errors.ts';
import { quote } from './errors.ts';
import type { OriginEntry } from './origin-syntax.ts';
import {
  entriesOverlap,
  entryHost,
  isLoopbackHost,
  parseConfiguredOrigin,
} from './origin-syntax.ts';
import { isPublicSuffix } from './public-suffixes.ts';
import { suggestPatternsForRegExp } from './regexp-hint.ts';
import {
  FORBIDDEN_METHODS,
  FORBIDDEN_REQUEST_HEADER_PREFIXES,
  FORBIDDEN_REQUEST_HEADERS,
  FORBIDDEN_RESPONSE_HEADERS,
  isToken,
  NON_WILDCARD_REQUEST_HEADER,
  WELL_KNOWN_METHODS,
} from './tokens.ts';
import type { AsyncOriginPredicate, OriginPredicate } from './types.ts';

/**
 * Validation: turns user options into a normalized policy, collecting every problem instead of
 * stopping at the first (the user fixes them all in one go).
 */

export type NormalizedOrigins =
  | { readonly kind: 'any' }
  | {
      readonly kind: 'list';
      readonly entries: readonly OriginEntry[];
      readonly at: readonly string[];
    }
  | { readonly kind: 'predicate'; readonly predicate: OriginPredicate | AsyncOriginPredicate };

export type NormalizedCredentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'all' }
  | {
      readonly kind: 'list';
      readonly entries: readonly OriginEntry[];
      readonly at: readonly string[];
    };

export interface NormalizedPolicy {
  readonly origins: NormalizedOrigins;
  readonly credentials: NormalizedCredentials;
  /** `'*'`, or the listed methods (safelisted ones included if listed). */
  readonly methods: '*' | readonly string[];
  readonly allowedHeaders: { readonly wildcard: boolean; readonly names: readonly string[] };
  readonly exposedHeaders: '*' | readonly string[];
  readonly maxAge: number | undefined;
  readonly privateNetwork: boolean;
  readonly successStatus: number;
  readonly continuePreflight: boolean;
  readonly rejectDisallowed: boolean;
  readonly allowNullOrigin: boolean;
}

/** The options one policy is made of, before validation. */
export type RawPolicy = Readonly<Record<string, unknown>>;

export const POLICY_KEYS: readonly string[] = [
  'origins',
  'credentials',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'maxAge',
  'privateNetwork',
  'preflight',
  'rejectDisallowed',
  'dangerouslyAllowNullOrigin',
  'dangerouslyAllowFileOrigins',
  'dangerouslyAllowInsecureOrigins',
  'dangerouslyAllowPublicSuffixPatterns',
];

/** Options other CORS libraries have, and what to write instead. */
export const FOREIGN_OPTIONS: Readonly<Record<string, string>> = {
  origin: "write origins: ['https://app.example.com'] (a list), '*' or a predicate",
  allowedOrigins: 'write origins',
  allowOrigins: 'write origins',
  allowOrigin: 'write origins',
  allowedMethods: 'write methods',
  allowMethods: 'write methods',
  allowHeaders: 'write allowedHeaders',
  headers: 'write allowedHeaders',
  exposeHeaders: 'write exposedHeaders',
  allowCredentials: 'write credentials',
  maxAgeSeconds: 'write maxAge',
  optionsSuccessStatus: 'write preflight: { successStatus }',
  preflightSuccessStatus: 'write preflight: { successStatus }',
  preflightContinue: 'write preflight: { continue: true }',
  allowPrivateNetwork: 'write privateNetwork',
  privateNetworkAccess: 'write privateNetwork',
  keepHeadersOnError: 'remove it: Corsica adapters always keep CORS headers on error responses',
  strictPreflight: 'remove it: Corsica classifies preflights exactly as Fetch does',
  hook: 'remove it: the fastify adapter answers preflights in onRequest, before auth hooks',
  delegator:
    'use routes for per-path policies, config.cors per route with fastify, or an origins predicate',
  hideOptionsRoute: 'remove it: the fastify adapter adds no OPTIONS route',
  logLevel: 'remove it: Corsica adds no route and logs nothing',
  secureContext: 'remove it: set Cross-Origin-Opener-Policy and -Embedder-Policy in your app',
  cacheControl: 'remove it: set Cache-Control on preflights with your framework if you need it',
};

interface Problem extends CorsConfigProblem {
  /** Option keys the problem involves; a route reports it only if it overrides one of them. */
  readonly keys: readonly string[];
}

class Problems {
  readonly list: Problem[] = [];
  /** `routes[2].` when validating a route: the option key is what follows it. */
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  add(
    code: CorsConfigProblemCode,
    option: string,
    value: unknown,
    message: string,
    keys?: readonly string[],
  ): void {
    const key = option.slice(this.#prefix.length).split(/[.[]/)[0] as string;
    this.list.push({ code, option, value, message, keys: keys ?? [key] });
  }
}

function isStringList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function booleanOption(
  options: RawPolicy,
  key: string,
  problems: Problems,
  prefix: string,
): boolean {
  const value = options[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    problems.add(
      'option-type',
      `${prefix}${key}`,
      value,
      `${key} must be true or false, not ${quote(value)}.`,
    );
    return false;
  }
  return value;
}

/**
 * Validates one policy (top level, or a route merged over the top level). `writesCredentials`:
 * whether this scope writes `credentials` itself (the top level, or a route that sets it), so that
 * a credentials entry no origin of this scope can match is the scope's own mistake; an inherited
 * list is only narrowed (README "Tiers and routes: the rules").
 */
export function validatePolicy(
  options: RawPolicy,
  prefix: string,
  writesCredentials = true,
): { policy: NormalizedPolicy; problems: Problem[] } {
  const problems = new Problems(prefix);
  const allowNullOrigin = booleanOption(options, 'dangerouslyAllowNullOrigin', problems, prefix);
  const allowFileOrigins = booleanOption(options, 'dangerouslyAllowFileOrigins', problems, prefix);
  const allowInsecure = booleanOption(options, 'dangerouslyAllowInsecureOrigins', problems, prefix);
  const allowPublicSuffix = booleanOption(
    options,
    'dangerouslyAllowPublicSuffixPatterns',
    problems,
    prefix,
  );
  const privateNetwork = booleanOption(options, 'privateNetwork', problems, prefix);
  const rejectDisallowed = booleanOption(options, 'rejectDisallowed', problems, prefix);
  const originFlags = { nullOrigin: allowNullOrigin, fileOrigins: allowFileOrigins };

  const origins = validateOrigins(options['origins'], `${prefix}origins`, originFlags, problems);
  const credentials = validateCredentials(
    options['credentials'],
    `${prefix}credentials`,
    originFlags,
    problems,
  );

  if (credentials.kind === 'all' && origins.kind === 'any') {
    problems.add(
      'origin-wildcard-with-credentials',
      `${prefix}origins`,
      '*',
      "'*' cannot be combined with credentials: true. Browsers refuse '*' on credentialed requests, and reflecting every origin instead would let any site read your users' data. List the origins that need credentials, e.g. credentials: ['https://app.example.com'] keeps '*' for anonymous reads (a tiered policy).",
      ['origins', 'credentials'],
    );
  }
  if (writesCredentials && origins.kind === 'list' && credentials.kind === 'list') {
    credentialsOutsideOrigins(origins, credentials, prefix, problems);
  }
  if (credentials.kind !== 'none') {
    const credentialed: { entry: OriginEntry; option: string }[] = [];
    const tier =
      credentials.kind === 'list' ? credentials : origins.kind === 'list' ? origins : undefined;
    tier?.entries.forEach((entry, i) => {
      credentialed.push({ entry, option: tier.at[i] as string });
    });
    if (!allowInsecure) {
      for (const { entry, option } of credentialed) {
        const parts = entryHost(entry);
        if (parts?.scheme === 'http' && !isLoopbackHost(parts.host)) {
          const source = entry.kind === 'exact' ? entry.origin : entry.source;
          problems.add(
            'origin-insecure-with-credentials',
            option,
            source,
            `${quote(source)} is plain http with credentials: anyone on the network path can inject a page with this origin and read credentialed responses. Write ${quote(source.replace(/^http:/, 'https:'))}, or set dangerouslyAllowInsecureOrigins: true.`,
            ['origins', 'credentials', 'dangerouslyAllowInsecureOrigins'],
          );
        }
      }
    }
  }
  if (!allowPublicSuffix) {
    const lists: [{ entries: readonly OriginEntry[]; at: readonly string[] }, string][] = [];
    if (origins.kind === 'list') lists.push([origins, 'origins']);
    if (credentials.kind === 'list') lists.push([credentials, 'credentials']);
    for (const [list, key] of lists) {
      list.entries.forEach((entry, i) => {
        if (entry.kind === 'pattern' && entry.subdomains && isPublicSuffix(entry.baseHost)) {
          problems.add(
            'origin-pattern-public-suffix',
            list.at[i] as string,
            entry.source,
            `${quote(entry.source)} matches every site under the public suffix "${entry.baseHost}", where anyone can register a name. List your own sites (e.g. "${entry.scheme}://*.yourname.${entry.baseHost}"), or set dangerouslyAllowPublicSuffixPatterns: true.`,
            [key, 'dangerouslyAllowPublicSuffixPatterns'],
          );
        }
      });
    }
  }

  const methods = validateMethods(options['methods'], `${prefix}methods`, problems);
  const allowedHeaders = validateAllowedHeaders(
    options['allowedHeaders'],
    `${prefix}allowedHeaders`,
    problems,
  );
  const exposedHeaders = validateExposedHeaders(
    options['exposedHeaders'],
    `${prefix}exposedHeaders`,
    problems,
  );
  if (exposedHeaders === '*' && credentials.kind !== 'none') {
    problems.add(
      'expose-wildcard-with-credentials',
      `${prefix}exposedHeaders`,
      '*',
      "exposedHeaders: '*' does not work with credentials: browsers read '*' as a header literally named '*' on credentialed requests. List the names, e.g. exposedHeaders: ['X-Request-Id'].",
      ['exposedHeaders', 'credentials'],
    );
  }
  const maxAge = validateMaxAge(options['maxAge'], `${prefix}maxAge`, problems);
  const preflight = validatePreflight(options['preflight'], `${prefix}preflight`, problems);
  if (privateNetwork && origins.kind === 'any') {
    problems.add(
      'private-network-with-any-origin',
      `${prefix}privateNetwork`,
      true,
      "privateNetwork with origins: '*' would let every public website reach this private-network service. List the origins that may, e.g. origins: ['https://app.example.com'].",
      ['privateNetwork', 'origins'],
    );
  }

  return {
    policy: {
      origins,
      credentials,
      methods,
      allowedHeaders,
      exposedHeaders,
      maxAge,
      privateNetwork,
      successStatus: preflight.successStatus,
      continuePreflight: preflight.continuePreflight,
      rejectDisallowed,
      allowNullOrigin,
    },
    problems: problems.list,
  };
}

function validateOrigins(
  value: unknown,
  option: string,
  flags: { nullOrigin: boolean; fileOrigins: boolean },
  problems: Problems,
): NormalizedOrigins {
  if (value === undefined) {
    problems.add(
      'origins-missing',
      option,
      undefined,
      "origins is required: Corsica has no default. Write origins: ['https://app.example.com'], or origins: '*' for a public API that needs no credentials.",
    );
    return { kind: 'list', entries: [], at: [] };
  }
  if (value === '*') return { kind: 'any' };
  if (typeof value === 'function') {
    return { kind: 'predicate', predicate: value as OriginPredicate | AsyncOriginPredicate };
  }
  if (value instanceof RegExp) {
    problems.add('origin-regexp', option, value, regexpMessage(value));
    return { kind: 'list', entries: [], at: [] };
  }
  if (typeof value === 'string') {
    problems.add(
      'option-type',
      option,
      value,
      `origins must be '*', a list or a predicate; write origins: [${quote(value)}].`,
    );
    return { kind: 'list', entries: [], at: [] };
  }
  if (!isStringList(value)) {
    const hint =
      value === true
        ? "origins: true (reflect every origin) is how peers leak credentialed data; list the origins, or write '*' for a public API."
        : `origins must be '*', a list of origins or a predicate, not ${quote(value)}.`;
    problems.add('option-type', option, value, hint);
    return { kind: 'list', entries: [], at: [] };
  }
  if (value.length === 0) {
    problems.add(
      'origins-empty',
      option,
      value,
      "origins is an empty list, so no origin could ever read a response. List at least one origin, e.g. ['https://app.example.com'].",
    );
  }
  return { kind: 'list', ...validateOriginList(value, option, flags, problems) };
}

function validateOriginList(
  list: readonly unknown[],
  option: string,
  flags: { nullOrigin: boolean; fileOrigins: boolean },
  problems: Problems,
): { entries: OriginEntry[]; at: string[] } {
  const entries: OriginEntry[] = [];
  const positions: string[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const at = `${option}[${i}]`;
    if (item instanceof RegExp) {
      problems.add('origin-regexp', at, item, regexpMessage(item));
      return;
    }
    if (typeof item !== 'string') {
      problems.add('option-type', at, item, `each origin must be a string, not ${quote(item)}.`);
      return;
    }
    if (item === '*') {
      problems.add(
        'origin-wildcard-in-list',
        at,
        item,
        "'*' inside a list is ambiguous; write origins: '*' alone for any origin, or list the origins.",
      );
      return;
    }
    const parsed = parseConfiguredOrigin(item, flags);
    if (parsed.kind === 'problem') {
      const flag = OPT_IN_FLAGS[parsed.code];
      // A `null` or `file:` entry is a problem of the entry and of the flag that would allow it.
      const key = option.slice(option.lastIndexOf('.') + 1);
      problems.add(parsed.code, at, item, parsed.message, flag === undefined ? undefined : [key, flag]);
      return;
    }
    const key = parsed.kind === 'exact' ? parsed.origin : parsed.source;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(
        'origin-duplicate',
        at,
        item,
        `${quote(item)} repeats ${option}[${first}]; remove one.`,
      );
      return;
    }
    seen.set(key, i);
    entries.push(parsed);
    positions.push(at);
  });
  return { entries, at: positions };
}

/** The opt-in flag an origin entry needs, by the code of the problem it has without it. */
const OPT_IN_FLAGS: Partial<Record<CorsConfigProblemCode, string>> = {
  'origin-null': 'dangerouslyAllowNullOrigin',
  'origin-file': 'dangerouslyAllowFileOrigins',
};

/**
 * Credentials entries that no allowed origin can ever match: the credentials list only chooses
 * which allowed origins may send credentials, so such an entry is dead, and almost always an
 * origin the user meant to allow. The message gives the corrected `origins`.
 */
function credentialsOutsideOrigins(
  origins: { readonly entries: readonly OriginEntry[] },
  credentials: { readonly entries: readonly OriginEntry[]; readonly at: readonly string[] },
  prefix: string,
  problems: Problems,
): void {
  const written = (entry: OriginEntry): string => (entry.kind === 'exact' ? entry.origin : entry.source);
  credentials.entries.forEach((entry, i) => {
    if (origins.entries.some((allowed) => entriesOverlap(entry, allowed))) return;
    const corrected = [...origins.entries.map(written), written(entry)].map((o) => quote(o));
    problems.add(
      'credentials-origin-not-allowed',
      credentials.at[i] as string,
      written(entry),
      `${quote(written(entry))} is in credentials but matches none of origins, so it never gets credentials: credentials only chooses which allowed origins may send them, it never allows an origin. To allow it, write ${prefix}origins: [${corrected.join(', ')}]; otherwise remove it from credentials.`,
      ['origins', 'credentials'],
    );
  });
}

function regexpMessage(value: RegExp): string {
  const suggestions = suggestPatternsForRegExp(value);
  const fix =
    suggestions.length > 0
      ? `Write ${suggestions.map((s) => quote(s)).join(' and ')} instead.`
      : "Write exact origins, or patterns such as 'https://*.example.com' and 'http://localhost:*'.";
  return `Regular expressions are not accepted as origins: unanchored, unescaped or stateful (/g) expressions are how peers keep shipping origin bypasses. ${fix}`;
}

function validateCredentials(
  value: unknown,
  option: string,
  flags: { nullOrigin: boolean; fileOrigins: boolean },
  problems: Problems,
): NormalizedCredentials {
  if (value === undefined || value === false) return { kind: 'none' };
  if (value === true) return { kind: 'all' };
  if (isStringList(value)) {
    if (value.length === 0) return { kind: 'none' };
    return { kind: 'list', ...validateOriginList(value, option, flags, problems) };
  }
  problems.add(
    'option-type',
    option,
    value,
    `credentials must be true, false or a list of origins allowed to send credentials, not ${quote(value)}.`,
  );
  return { kind: 'none' };
}

function validateMethods(
  value: unknown,
  option: string,
  problems: Problems,
): '*' | readonly string[] {
  if (value === undefined) return [];
  if (value === '*') return '*';
  if (!isStringList(value)) {
    problems.add(
      'option-type',
      option,
      value,
      `methods must be '*' or a list such as ['PUT', 'DELETE'], not ${quote(value)}.`,
    );
    return [];
  }
  const methods: string[] = [];
  value.forEach((method, i) => {
    const at = `${option}[${i}]`;
    if (typeof method !== 'string' || (method !== '*' && !isToken(method))) {
      problems.add(
        'method-invalid',
        at,
        method,
        `${quote(method)} is not a method name (an RFC 9110 token such as "PATCH").`,
      );
      return;
    }
    if (method === '*') {
      problems.add(
        'method-wildcard-in-list',
        at,
        method,
        "'*' inside a list is ambiguous; write methods: '*' alone, or list the methods.",
      );
      return;
    }
    const upper = method.toUpperCase();
    if (FORBIDDEN_METHODS.has(upper)) {
      problems.add(
        'method-forbidden',
        at,
        method,
        `${quote(method)} is a forbidden method: browsers never send it, so allowing it does nothing. Remove it.`,
      );
      return;
    }
    if (method !== upper && WELL_KNOWN_METHODS.has(upper)) {
      problems.add(
        'method-case',
        at,
        method,
        `Methods are case-sensitive and browsers send ${quote(upper)}; ${quote(method)} would never match. Write ${quote(upper)}.`,
      );
      return;
    }
    if (methods.includes(method)) {
      problems.add('method-duplicate', at, method, `${quote(method)} is listed twice; remove one.`);
      return;
    }
    methods.push(method);
  });
  return methods;
}

function validateHeaderName(name: unknown, at: string, problems: Problems): string | undefined {
  if (typeof name !== 'string' || !isToken(name)) {
    problems.add(
      'header-invalid',
      at,
      name,
      `${quote(name)} is not a header name (an RFC 9110 token such as "X-Request-Id").`,
    );
    return undefined;
  }
  return name.toLowerCase();
}

function validateAllowedHeaders(
  value: unknown,
  option: string,
  problems: Problems,
): { wildcard: boolean; names: readonly string[] } {
  if (value === undefined) return { wildcard: false, names: [] };
  if (value === '*') return { wildcard: true, names: [] };
  if (!isStringList(value)) {
    problems.add(
      'option-type',
      option,
      value,
      `allowedHeaders must be '*' or a list such as ['Content-Type'], not ${quote(value)}.`,
    );
    return { wildcard: false, names: [] };
  }
  let wildcard = false;
  const names: string[] = [];
  value.forEach((name, i) => {
    const at = `${option}[${i}]`;
    if (name === '*') {
      wildcard = true;
      return;
    }
    const lower = validateHeaderName(name, at, problems);
    if (lower === undefined) return;
    if (
      FORBIDDEN_REQUEST_HEADERS.has(lower) ||
      FORBIDDEN_REQUEST_HEADER_PREFIXES.some((p) => lower.startsWith(p))
    ) {
      problems.add(
        'header-forbidden',
        at,
        name,
        `${quote(name)} is a forbidden request header: only the browser sets it, scripts cannot, so allowing it does nothing. Remove it.`,
      );
      return;
    }
    if (lower.startsWith('access-control-')) {
      problems.add(
        'header-response-only',
        at,
        name,
        `${quote(name)} is a CORS response header; clients must not send it. Remove it here and from the client code that sets it.`,
      );
      return;
    }
    if (names.includes(lower)) {
      problems.add(
        'header-duplicate',
        at,
        name,
        `${quote(name)} is listed twice (names are case-insensitive); remove one.`,
      );
      return;
    }
    names.push(lower);
  });
  if (wildcard && names.some((name) => name !== NON_WILDCARD_REQUEST_HEADER)) {
    problems.add(
      'header-wildcard-in-list',
      option,
      value,
      "'*' already covers every name except Authorization; write allowedHeaders: '*', or ['*', 'Authorization'] to add Authorization.",
    );
  }
  return { wildcard, names };
}

function validateExposedHeaders(
  value: unknown,
  option: string,
  problems: Problems,
): '*' | readonly string[] {
  if (value === undefined) return [];
  if (value === '*') return '*';
  if (!isStringList(value)) {
    problems.add(
      'option-type',
      option,
      value,
      `exposedHeaders must be '*' or a list such as ['X-Request-Id'], not ${quote(value)}.`,
    );
    return [];
  }
  const names: string[] = [];
  const seen = new Set<string>();
  value.forEach((name, i) => {
    const at = `${option}[${i}]`;
    if (name === '*') {
      problems.add(
        'header-wildcard-in-list',
        at,
        name,
        "'*' inside a list is ambiguous; write exposedHeaders: '*' alone, or list the names.",
      );
      return;
    }
    const lower = validateHeaderName(name, at, problems);
    if (lower === undefined) return;
    if (FORBIDDEN_RESPONSE_HEADERS.has(lower)) {
      problems.add(
        'expose-forbidden',
        at,
        name,
        `${quote(name)} can never be read by scripts, whatever the server exposes (Fetch "forbidden response-header name"). Remove it.`,
      );
      return;
    }
    if (seen.has(lower)) {
      problems.add(
        'header-duplicate',
        at,
        name,
        `${quote(name)} is listed twice (names are case-insensitive); remove one.`,
      );
      return;
    }
    seen.add(lower);
    names.push(name as string);
  });
  return names;
}

function validateMaxAge(value: unknown, option: string, problems: Problems): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    problems.add(
      'max-age-invalid',
      option,
      value,
      `maxAge is a whole number of seconds from 0 to 86400, not ${quote(value)}; e.g. maxAge: 600. Leave it out for the browser default of 5 s.`,
    );
    return undefined;
  }
  if (value > 86400) {
    problems.add(
      'max-age-too-large',
      option,
      value,
      `maxAge ${value} is above 86400 s, the highest cap any browser applies (Chromium caps at 7200 s). Write at most 86400; 7200 is what Chromium honours.`,
    );
    return undefined;
  }
  return value;
}

function validatePreflight(
  value: unknown,
  option: string,
  problems: Problems,
): { successStatus: number; continuePreflight: boolean } {
  const defaults = { successStatus: 204, continuePreflight: false };
  if (value === undefined) return defaults;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(
      'option-type',
      option,
      value,
      `preflight must be an object such as { successStatus: 200 }, not ${quote(value)}.`,
    );
    return defaults;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'successStatus' && key !== 'continue') {
      problems.add(
        'option-unknown',
        `${option}.${key}`,
        record[key],
        `preflight has no option ${quote(key)}; it takes successStatus and continue.`,
      );
    }
  }
  let successStatus = 204;
  const status = record['successStatus'];
  if (status !== undefined) {
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 299) {
      problems.add(
        'preflight-status-invalid',
        `${option}.successStatus`,
        status,
        `successStatus must be an ok status (200-299); browsers fail preflights with any other. Write 204 (the default) or 200 for legacy clients.`,
      );
    } else {
      successStatus = status;
    }
  }
  const continuePreflight = record['continue'];
  if (continuePreflight !== undefined && typeof continuePreflight !== 'boolean') {
    problems.add(
      'option-type',
      `${option}.continue`,
      continuePreflight,
      'preflight.continue must be true or false.',
    );
  }
  return { successStatus, continuePreflight: continuePreflight === true };
}

/** Problems for keys no policy has, with the Corsica spelling where a peer's option was meant. */
export function unknownKeyProblems(
  options: RawPolicy,
  known: readonly string[],
  prefix: string,
): CorsConfigProblem[] {
  const problems: CorsConfigProblem[] = [];
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = FOREIGN_OPTIONS[key];
    problems.push({
      code: 'option-unknown',
      option: `${prefix}${key}`,
      value: options[key],
      message:
        hint === undefined
          ? `Unknown option ${quote(key)}; ${closest(key, known)}`
          : `Unknown option ${quote(key)}: ${hint}.`,
    });
  }
  return problems;
}

function closest(key: string, known: readonly string[]): string {
  const lower = key.toLowerCase();
  const match = known.find(
    (k) => k.toLowerCase() === lower || k.toLowerCase().startsWith(lower.slice(0, 5)),
  );
  return match === undefined
    ? `the options are ${known.join(', ')}.`
    : `did you mean ${quote(match)}?`;
}

/** Whether a problem concerns one of the keys a route sets itself. */
export function concernsKeys(problem: CorsConfigProblem, keys: ReadonlySet<string>): boolean {
  const involved = (problem as Partial<Problem>).keys ?? [problem.option];
  return involved.some((key) => keys.has(key));
}

/** Drops the internal `keys` field before problems reach users. */
export function publicProblem(problem: CorsConfigProblem): CorsConfigProblem {
  return {
    code: problem.code,
    option: problem.option,
    value: problem.value,
    message: problem.message,
  };
}
