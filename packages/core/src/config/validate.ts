import { FOREIGN_OPTIONS, configMessages as say } from '../messages/config.ts';
import {
  FORBIDDEN_METHODS,
  FORBIDDEN_REQUEST_HEADER_PREFIXES,
  FORBIDDEN_REQUEST_HEADERS,
  FORBIDDEN_RESPONSE_HEADERS,
  isToken,
  NON_WILDCARD_REQUEST_HEADER,
  WELL_KNOWN_METHODS,
} from '../protocol/tokens.ts';
import type { AsyncOriginPredicate, CorsPredicateCacheOptions, OriginPredicate } from '../types.ts';
import type { ListRules } from './lists.ts';
import { checkList } from './lists.ts';
import type { OriginEntry } from './origins.ts';
import {
  canonicalOrigin,
  entriesOverlap,
  entryHost,
  isLoopbackHost,
  parseConfiguredOrigin,
  writtenForm,
} from './origins.ts';
import type { CorsConfigProblem, CorsConfigProblemCode, Problem } from './problems.ts';
import { Problems } from './problems.ts';
import { isPublicSuffix } from './public-suffixes.ts';
import { suggestPatternsForRegExp } from './regexp-hint.ts';

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
  readonly allowFileOrigins: boolean;
  readonly allowInsecureOrigins: boolean;
  readonly allowPublicSuffixPatterns: boolean;
  /** Async predicate timeout in ms; 0 for none. */
  readonly timeoutMs: number;
  readonly cache: CorsPredicateCacheOptions | undefined;
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
  'timeout',
  'cache',
];

/** How long an asynchronous origin predicate may take by default, in ms. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** The opt-in flag an origin entry needs, by the code of the problem it has without it. */
export const OPT_IN_FLAGS: Partial<Record<CorsConfigProblemCode, string>> = {
  'origin-null': 'dangerouslyAllowNullOrigin',
  'origin-file': 'dangerouslyAllowFileOrigins',
};

function booleanOption(options: RawPolicy, key: string, problems: Problems): boolean {
  const value = options[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    problems.add('option-type', `${problems.prefix}${key}`, value, say.booleanType(key, value));
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
  const flags = {
    nullOrigin: booleanOption(options, 'dangerouslyAllowNullOrigin', problems),
    fileOrigins: booleanOption(options, 'dangerouslyAllowFileOrigins', problems),
  };
  const allowInsecure = booleanOption(options, 'dangerouslyAllowInsecureOrigins', problems);
  const allowPublicSuffix = booleanOption(
    options,
    'dangerouslyAllowPublicSuffixPatterns',
    problems,
  );
  const privateNetwork = booleanOption(options, 'privateNetwork', problems);
  const rejectDisallowed = booleanOption(options, 'rejectDisallowed', problems);

  const origins = validateOrigins(options['origins'], `${prefix}origins`, flags, problems);
  const credentials = validateCredentials(
    options['credentials'],
    `${prefix}credentials`,
    flags,
    problems,
  );
  if (credentials.kind === 'all' && origins.kind === 'any') {
    problems.add(
      'origin-wildcard-with-credentials',
      `${prefix}origins`,
      '*',
      say.originWildcardWithCredentials(),
      ['origins', 'credentials'],
    );
  }
  // Without `origins` (a top level whose routes say who may read), there is nothing to check against.
  const writesBoth = writesCredentials && options['origins'] !== undefined;
  if (writesBoth && origins.kind === 'list' && credentials.kind === 'list') {
    credentialsOutsideOrigins(origins, credentials, problems);
  }
  if (credentials.kind !== 'none' && !allowInsecure) {
    insecureCredentialedOrigins(credentials.kind === 'list' ? credentials : origins, problems);
  }
  if (!allowPublicSuffix) {
    if (origins.kind === 'list') publicSuffixPatterns(origins, 'origins', problems);
    if (credentials.kind === 'list') publicSuffixPatterns(credentials, 'credentials', problems);
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
      say.exposeWildcardWithCredentials(),
      ['exposedHeaders', 'credentials'],
    );
  }
  const maxAge = validateMaxAge(options['maxAge'], `${prefix}maxAge`, problems);
  const preflight = validatePreflight(options['preflight'], `${prefix}preflight`, problems);
  const timeoutMs = validateTimeout(options['timeout'], `${prefix}timeout`, problems);
  const cache = validateCache(options['cache'], `${prefix}cache`, problems);
  if (privateNetwork && origins.kind === 'any') {
    problems.add(
      'private-network-with-any-origin',
      `${prefix}privateNetwork`,
      true,
      say.privateNetworkWithAnyOrigin(),
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
      allowNullOrigin: flags.nullOrigin,
      allowFileOrigins: flags.fileOrigins,
      allowInsecureOrigins: allowInsecure,
      allowPublicSuffixPatterns: allowPublicSuffix,
      timeoutMs,
      cache,
    },
    problems: problems.list,
  };
}

type OriginFlags = { readonly nullOrigin: boolean; readonly fileOrigins: boolean };

/** `origins` and `credentials` lists: origins and patterns, each in its canonical form. */
function originListRules(
  option: string,
  flags: OriginFlags,
  problems: Problems,
): ListRules<OriginEntry> {
  const key = option.slice(option.lastIndexOf('.') + 1);
  return {
    star: key === 'origins',
    typeMessage: key === 'origins' ? say.originsType : say.credentialsType,
    fromString: canonicalOrigin,
    element: (item, at) => {
      if (item instanceof RegExp) {
        problems.add('origin-regexp', at, item, say.originRegexp(suggestPatternsForRegExp(item)));
        return undefined;
      }
      if (typeof item !== 'string') {
        problems.add('option-type', at, item, say.originItemType(item));
        return undefined;
      }
      const parsed = parseConfiguredOrigin(item, flags);
      if (parsed.kind === 'problem') {
        const flag = OPT_IN_FLAGS[parsed.code];
        // A `null` or `file:` entry is a problem of the entry and of the flag that would allow it.
        problems.add(
          parsed.code,
          at,
          item,
          parsed.message,
          flag === undefined ? undefined : [key, flag],
        );
        return undefined;
      }
      return { value: parsed, key: writtenForm(parsed) };
    },
    wildcardInList: { code: 'origin-wildcard-in-list', message: say.originWildcardInList() },
    duplicate: (item, first) => ({
      code: 'origin-duplicate',
      message: say.originDuplicate(item, option, first),
    }),
  };
}

function validateOrigins(
  value: unknown,
  option: string,
  flags: OriginFlags,
  problems: Problems,
): NormalizedOrigins {
  const none: NormalizedOrigins = { kind: 'list', entries: [], at: [] };
  if (value === undefined) {
    problems.add('origins-missing', option, undefined, say.originsMissing());
    return none;
  }
  if (typeof value === 'function') {
    return { kind: 'predicate', predicate: value as OriginPredicate | AsyncOriginPredicate };
  }
  if (value instanceof RegExp) {
    problems.add('origin-regexp', option, value, say.originRegexp(suggestPatternsForRegExp(value)));
    return none;
  }
  if (value === true) {
    problems.add('option-type', option, value, say.originsReflect());
    return none;
  }
  if (typeof value === 'string' && value !== '*') {
    const corrected = value
      .split(',')
      .map((element) => element.trim())
      .filter((element) => element !== '')
      .map(canonicalOrigin);
    problems.add('option-type', option, value, say.originsString(option, corrected));
    return none;
  }
  const list = checkList(value, option, originListRules(option, flags, problems), problems);
  if (list.kind === 'any') return { kind: 'any' };
  if (list.kind !== 'list') return none;
  if ((value as readonly unknown[]).length === 0) {
    problems.add('origins-empty', option, value, say.originsEmpty());
  }
  return { kind: 'list', entries: list.values, at: list.at };
}

function validateCredentials(
  value: unknown,
  option: string,
  flags: OriginFlags,
  problems: Problems,
): NormalizedCredentials {
  if (value === undefined || value === false) return { kind: 'none' };
  if (value === true) return { kind: 'all' };
  const list = checkList(value, option, originListRules(option, flags, problems), problems);
  if (list.kind !== 'list' || list.values.length === 0) return { kind: 'none' };
  return { kind: 'list', entries: list.values, at: list.at };
}

/**
 * Credentials entries that no allowed origin can ever match: the credentials list only chooses
 * which allowed origins may send credentials, so such an entry is dead, and almost always an
 * origin the user meant to allow. The message gives the corrected `origins`.
 */
function credentialsOutsideOrigins(
  origins: { readonly entries: readonly OriginEntry[] },
  credentials: { readonly entries: readonly OriginEntry[]; readonly at: readonly string[] },
  problems: Problems,
): void {
  credentials.entries.forEach((entry, i) => {
    if (origins.entries.some((allowed) => entriesOverlap(entry, allowed))) return;
    const corrected = [...origins.entries.map(writtenForm), writtenForm(entry)];
    problems.add(
      'credentials-origin-not-allowed',
      credentials.at[i] as string,
      writtenForm(entry),
      say.credentialsOutsideOrigins(writtenForm(entry), `${problems.prefix}origins`, corrected),
      ['origins', 'credentials'],
    );
  });
}

/** Plain-http origins that would get credentials: anyone on the network path could read them. */
function insecureCredentialedOrigins(
  tier: NormalizedOrigins | NormalizedCredentials,
  problems: Problems,
): void {
  if (tier.kind !== 'list') return;
  tier.entries.forEach((entry, i) => {
    const parts = entryHost(entry);
    if (parts?.scheme !== 'http' || isLoopbackHost(parts.host)) return;
    problems.add(
      'origin-insecure-with-credentials',
      tier.at[i] as string,
      writtenForm(entry),
      say.insecureWithCredentials(writtenForm(entry)),
      ['origins', 'credentials', 'dangerouslyAllowInsecureOrigins'],
    );
  });
}

function publicSuffixPatterns(
  list: { readonly entries: readonly OriginEntry[]; readonly at: readonly string[] },
  key: string,
  problems: Problems,
): void {
  list.entries.forEach((entry, i) => {
    if (entry.kind !== 'pattern' || !entry.subdomains || !isPublicSuffix(entry.baseHost)) return;
    problems.add(
      'origin-pattern-public-suffix',
      list.at[i] as string,
      entry.source,
      say.publicSuffix(entry.source, entry.scheme, entry.baseHost),
      [key, 'dangerouslyAllowPublicSuffixPatterns'],
    );
  });
}

function validateMethods(
  value: unknown,
  option: string,
  problems: Problems,
): '*' | readonly string[] {
  const list = checkList(
    value,
    option,
    {
      star: true,
      typeMessage: say.methodsType,
      fromString: (method) => method,
      element: (method, at) => {
        if (typeof method !== 'string' || !isToken(method)) {
          problems.add('method-invalid', at, method, say.methodInvalid(method));
          return undefined;
        }
        const upper = method.toUpperCase();
        if (FORBIDDEN_METHODS.has(upper)) {
          problems.add('method-forbidden', at, method, say.methodForbidden(method));
          return undefined;
        }
        if (method !== upper && WELL_KNOWN_METHODS.has(upper)) {
          problems.add('method-case', at, method, say.methodCase(method, upper));
          return undefined;
        }
        return { value: method, key: method };
      },
      wildcardInList: { code: 'method-wildcard-in-list', message: say.methodWildcardInList() },
      duplicate: (method) => ({
        code: 'method-duplicate',
        message: say.methodDuplicate(method as string),
      }),
    },
    problems,
  );
  if (list.kind === 'any') return '*';
  return list.kind === 'list' ? list.values : [];
}

/** Rules every header-name list shares: tokens, compared case-insensitively. */
function headerRules(
  key: string,
  example: string,
  problems: Problems,
  check: (name: string, lower: string, at: string) => boolean,
  wildcardInList: ListRules<string>['wildcardInList'],
): ListRules<string> {
  return {
    star: true,
    typeMessage: (value) => say.headersType(key, value, example),
    fromString: (name) => name,
    element: (name, at) => {
      if (typeof name !== 'string' || !isToken(name)) {
        problems.add('header-invalid', at, name, say.headerInvalid(name));
        return undefined;
      }
      const lower = name.toLowerCase();
      return check(name, lower, at) ? { value: name, key: lower } : undefined;
    },
    wildcardInList,
    duplicate: (name) => ({
      code: 'header-duplicate',
      message: say.headerDuplicate(name as string),
    }),
  };
}

function validateAllowedHeaders(
  value: unknown,
  option: string,
  problems: Problems,
): { wildcard: boolean; names: readonly string[] } {
  const rules = headerRules(
    'allowedHeaders',
    'Content-Type',
    problems,
    (name, lower, at) => {
      if (
        FORBIDDEN_REQUEST_HEADERS.has(lower) ||
        FORBIDDEN_REQUEST_HEADER_PREFIXES.some((p) => lower.startsWith(p))
      ) {
        problems.add('header-forbidden', at, name, say.headerForbidden(name));
        return false;
      }
      if (lower.startsWith('access-control-')) {
        problems.add('header-response-only', at, name, say.headerResponseOnly(name));
        return false;
      }
      return true;
    },
    'accept',
  );
  const list = checkList(value, option, rules, problems);
  if (list.kind === 'any') return { wildcard: true, names: [] };
  if (list.kind !== 'list') return { wildcard: false, names: [] };
  const names = list.values.map((name) => name.toLowerCase());
  // Fetch's '*' covers every name but Authorization, which may only be added by name.
  if (list.wildcard && names.some((name) => name !== NON_WILDCARD_REQUEST_HEADER)) {
    problems.add('header-wildcard-in-list', option, value, say.allowedWildcardInList());
  }
  return { wildcard: list.wildcard, names };
}

function validateExposedHeaders(
  value: unknown,
  option: string,
  problems: Problems,
): '*' | readonly string[] {
  const rules = headerRules(
    'exposedHeaders',
    'X-Request-Id',
    problems,
    (name, lower, at) => {
      if (!FORBIDDEN_RESPONSE_HEADERS.has(lower)) return true;
      problems.add('expose-forbidden', at, name, say.exposeForbidden(name));
      return false;
    },
    { code: 'header-wildcard-in-list', message: say.exposedWildcardInList() },
  );
  const list = checkList(value, option, rules, problems);
  if (list.kind === 'any') return '*';
  return list.kind === 'list' ? list.values : [];
}

function validateMaxAge(value: unknown, option: string, problems: Problems): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    problems.add('max-age-invalid', option, value, say.maxAgeInvalid(value));
    return undefined;
  }
  if (value > 86400) {
    problems.add('max-age-too-large', option, value, say.maxAgeTooLarge(value));
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
    problems.add('option-type', option, value, say.preflightType(value));
    return defaults;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'successStatus' && key !== 'continue') {
      problems.add('option-unknown', `${option}.${key}`, record[key], say.preflightUnknown(key));
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
        say.preflightStatus(),
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
      say.preflightContinueType(),
    );
  }
  return { successStatus, continuePreflight: continuePreflight === true };
}

function validateTimeout(value: unknown, option: string, problems: Problems): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    problems.add('option-type', option, value, say.timeoutType(value));
    return DEFAULT_TIMEOUT_MS;
  }
  return value;
}

function validateCache(
  value: unknown,
  option: string,
  problems: Problems,
): CorsPredicateCacheOptions | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add('option-type', option, value, say.cacheType(value));
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const counts = ['ttlMs', 'negativeTtlMs', 'maxEntries', 'maxNegativeEntries', 'maxConcurrent'];
  let valid = true;
  for (const key of Object.keys(record)) {
    const entry = record[key];
    if (key === 'now') {
      if (typeof entry !== 'function') {
        problems.add('option-type', `${option}.now`, entry, say.cacheNow());
        valid = false;
      }
    } else if (!counts.includes(key)) {
      problems.add('option-unknown', `${option}.${key}`, entry, say.cacheUnknown(key));
      valid = false;
    } else if (typeof entry !== 'number' || !Number.isInteger(entry) || entry < 1) {
      problems.add('option-type', `${option}.${key}`, entry, say.cacheCount(key, entry));
      valid = false;
    }
  }
  if (record['ttlMs'] === undefined) {
    problems.add('option-type', `${option}.ttlMs`, undefined, say.cacheTtlMissing());
    valid = false;
  }
  return valid ? (record as unknown as CorsPredicateCacheOptions) : undefined;
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
    const foreign = Object.hasOwn(FOREIGN_OPTIONS, key) ? FOREIGN_OPTIONS[key] : undefined;
    problems.push({
      code: 'option-unknown',
      option: `${prefix}${key}`,
      value: options[key],
      message:
        foreign === undefined
          ? say.unknownOption(key, known)
          : say.foreignOption(key, foreign(options[key], canonicalOrigin)),
    });
  }
  return problems;
}
