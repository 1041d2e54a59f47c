/**
 * The response-side checks of the Fetch standard, in the order Chromium runs them and named with
 * Chromium's `network::mojom::CorsError` values, so that a result can be compared with the
 * `corsError` DevTools reports in `Network.loadingFailed`.
 *
 * Verified against Chromium's source (services/network/public/cpp/cors/cors.cc `CheckAccess`,
 * services/network/cors/preflight_controller.cc `CheckPreflightAccess`, `CreatePreflightResult`,
 * `CheckPreflightResult`, services/network/cors/preflight_result.cc) and against Chromium 156
 * itself (see the package README).
 */
import type { RequestHeader } from './fetch-rules.ts';
import {
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedMethod,
  parseAllowList,
} from './fetch-rules.ts';

/** The `network::mojom::CorsError` values this tool can report. */
export type CorsErrorName =
  | 'MissingAllowOriginHeader'
  | 'MultipleAllowOriginValues'
  | 'InvalidAllowOriginValue'
  | 'AllowOriginMismatch'
  | 'WildcardOriginNotAllowed'
  | 'InvalidAllowCredentials'
  | 'PreflightInvalidStatus'
  | 'PreflightDisallowedRedirect'
  | 'PreflightMissingAllowOriginHeader'
  | 'PreflightMultipleAllowOriginValues'
  | 'PreflightInvalidAllowOriginValue'
  | 'PreflightAllowOriginMismatch'
  | 'PreflightWildcardOriginNotAllowed'
  | 'PreflightInvalidAllowCredentials'
  | 'InvalidAllowMethodsPreflightResponse'
  | 'InvalidAllowHeadersPreflightResponse'
  | 'MethodDisallowedByPreflightResponse'
  | 'HeaderDisallowedByPreflightResponse'
  | 'RedirectContainsCredentials';

/** Every `CorsErrorName`, for schemas and tests. */
export const CORS_ERROR_NAMES: readonly CorsErrorName[] = [
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'WildcardOriginNotAllowed',
  'InvalidAllowCredentials',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightWildcardOriginNotAllowed',
  'PreflightInvalidAllowCredentials',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
];

/** A failed check: Chromium's error name and its `failedParameter` (`''` when it has none). */
export interface CheckFailure {
  readonly code: CorsErrorName;
  readonly parameter: string;
}

/** Response header lines as received: one entry per field line, names as sent. */
export type HeaderLines = readonly (readonly [name: string, value: string])[];

/**
 * A header's combined value, as Fetch's "get" (https://fetch.spec.whatwg.org/#concept-header-list-get)
 * and Chromium's `GetNormalizedHeader` produce it: every field line's value joined with `, `, or
 * null when there is none. Two `Access-Control-Allow-Origin` lines become `a, b`, which is what
 * makes them fail.
 */
export function getHeader(lines: HeaderLines, name: string): string | null {
  const lower = name.toLowerCase();
  const values = lines.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  return values.length === 0 ? null : values.join(', ');
}

/**
 * https://fetch.spec.whatwg.org/#cors-check, as Chromium's `CheckAccess` runs it:
 * 1. `Access-Control-Allow-Origin: *` passes without credentials and fails with them
 *    (`WildcardOriginNotAllowed`), whatever `Access-Control-Allow-Credentials` says;
 * 2. no `Access-Control-Allow-Origin` at all: `MissingAllowOriginHeader`;
 * 3. a value that is not the origin byte for byte: `MultipleAllowOriginValues` if it holds a space
 *    or a comma (several values, or several field lines), `AllowOriginMismatch` for `null`,
 *    `InvalidAllowOriginValue` if it does not parse as a URL, `AllowOriginMismatch` otherwise;
 * 4. with credentials, `Access-Control-Allow-Credentials` must be exactly `true` (case-sensitive):
 *    `InvalidAllowCredentials`.
 *
 * `origin` is the serialized origin the request carried (`null` once tainted by a redirect).
 */
export function corsCheck(
  lines: HeaderLines,
  origin: string,
  credentialsInclude: boolean,
): CheckFailure | null {
  const allowOrigin = getHeader(lines, 'access-control-allow-origin');
  if (allowOrigin === '*') {
    if (!credentialsInclude) return null;
    return { code: 'WildcardOriginNotAllowed', parameter: '' };
  }
  if (allowOrigin === null) return { code: 'MissingAllowOriginHeader', parameter: '' };
  if (allowOrigin !== origin) {
    if (/[ ,]/.test(allowOrigin)) {
      return { code: 'MultipleAllowOriginValues', parameter: allowOrigin };
    }
    if (allowOrigin === 'null') return { code: 'AllowOriginMismatch', parameter: allowOrigin };
    // Chromium asks whether GURL parses it; the WHATWG URL parser agrees on everything that matters
    // here (no scheme, an empty value, `https://`).
    if (!URL.canParse(allowOrigin)) {
      return { code: 'InvalidAllowOriginValue', parameter: allowOrigin };
    }
    return { code: 'AllowOriginMismatch', parameter: allowOrigin };
  }
  if (credentialsInclude) {
    const allowCredentials = getHeader(lines, 'access-control-allow-credentials');
    if (allowCredentials !== 'true') {
      return { code: 'InvalidAllowCredentials', parameter: allowCredentials ?? '' };
    }
  }
  return null;
}

const PREFLIGHT_CODES: Partial<Record<CorsErrorName, CorsErrorName>> = {
  WildcardOriginNotAllowed: 'PreflightWildcardOriginNotAllowed',
  MissingAllowOriginHeader: 'PreflightMissingAllowOriginHeader',
  MultipleAllowOriginValues: 'PreflightMultipleAllowOriginValues',
  InvalidAllowOriginValue: 'PreflightInvalidAllowOriginValue',
  AllowOriginMismatch: 'PreflightAllowOriginMismatch',
  InvalidAllowCredentials: 'PreflightInvalidAllowCredentials',
};

/** What a preflight response allows, once it has passed. */
export interface PreflightGrant {
  /** `Access-Control-Allow-Methods`, as listed (case kept); null when absent. */
  readonly methods: readonly string[] | null;
  /** `Access-Control-Allow-Headers`, lowercase; null when absent. */
  readonly headers: readonly string[] | null;
}

/** The preflight's verdict: the first failure, and what the response granted when it parsed. */
export interface PreflightCheck {
  readonly failure: CheckFailure | null;
  readonly grant: PreflightGrant | null;
  /** Every requested header the response does not allow (the failure names the first). */
  readonly missingHeaders: readonly string[];
}

/**
 * The checks of https://fetch.spec.whatwg.org/#cors-preflight-fetch (step 7 on), in Chromium's
 * order. A redirect never gets here: Chromium fails it first, as `PreflightDisallowedRedirect`.
 *
 * 1. The CORS check (https://fetch.spec.whatwg.org/#cors-check), with the actual request's
 *    credentials mode, BEFORE the status: a 403 or 404 without `Access-Control-Allow-Origin` reads
 *    `PreflightMissingAllowOriginHeader`, not `PreflightInvalidStatus` (`CheckPreflightAccess`; the
 *    e2e suite's Chromium baseline fact `origin-checked-before-status` observes it). Its errors take
 *    their `Preflight…` names.
 * 2. An ok status (https://fetch.spec.whatwg.org/#ok-status, 200–299): `PreflightInvalidStatus`.
 * 3. `Access-Control-Allow-Methods`, then `Access-Control-Allow-Headers`, parsed as lists of
 *    tokens: `InvalidAllowMethodsPreflightResponse`, `InvalidAllowHeadersPreflightResponse`.
 * 4. The method: allowed when CORS-safelisted, listed (case-sensitively: `put` does not list
 *    `PUT`), or `*` is listed without credentials: `MethodDisallowedByPreflightResponse`.
 * 5. The headers: `Authorization` first, which `*` never covers (Fetch's CORS non-wildcard
 *    request-header name), then each CORS-unsafe request-header name in sorted order, matched
 *    case-insensitively, or covered by `*` without credentials:
 *    `HeaderDisallowedByPreflightResponse` with the header's lowercase name.
 */
export function preflightCheck(options: {
  readonly status: number;
  readonly lines: HeaderLines;
  readonly origin: string;
  readonly credentialsInclude: boolean;
  readonly method: string;
  readonly headers: readonly RequestHeader[];
}): PreflightCheck {
  const { status, lines, origin, credentialsInclude, method, headers } = options;
  const access = corsCheck(lines, origin, credentialsInclude);
  if (access !== null) {
    const code = PREFLIGHT_CODES[access.code] ?? access.code;
    return { failure: { code, parameter: access.parameter }, grant: null, missingHeaders: [] };
  }
  if (status < 200 || status > 299) {
    return {
      failure: { code: 'PreflightInvalidStatus', parameter: '' },
      grant: null,
      missingHeaders: [],
    };
  }
  const methods = parseAllowList(getHeader(lines, 'access-control-allow-methods'));
  if (methods !== null && !Array.isArray(methods)) {
    return {
      failure: { code: 'InvalidAllowMethodsPreflightResponse', parameter: '' },
      grant: null,
      missingHeaders: [],
    };
  }
  const allowHeaders = parseAllowList(getHeader(lines, 'access-control-allow-headers'));
  if (allowHeaders !== null && !Array.isArray(allowHeaders)) {
    return {
      failure: { code: 'InvalidAllowHeadersPreflightResponse', parameter: '' },
      grant: null,
      missingHeaders: [],
    };
  }
  const grant: PreflightGrant = {
    methods: methods as string[] | null,
    headers: allowHeaders === null ? null : (allowHeaders as string[]).map((h) => h.toLowerCase()),
  };
  const listedMethods = grant.methods ?? [];
  const methodAllowed =
    isCorsSafelistedMethod(method) ||
    listedMethods.includes(method) ||
    (!credentialsInclude && listedMethods.includes('*'));
  if (!methodAllowed) {
    return {
      failure: { code: 'MethodDisallowedByPreflightResponse', parameter: method },
      grant,
      missingHeaders: [],
    };
  }
  const missingHeaders = disallowedHeaders(grant.headers ?? [], headers, credentialsInclude);
  if (missingHeaders.length > 0) {
    return {
      failure: {
        code: 'HeaderDisallowedByPreflightResponse',
        parameter: missingHeaders[0] as string,
      },
      grant,
      missingHeaders,
    };
  }
  return { failure: null, grant, missingHeaders: [] };
}

/** The requested headers a preflight's `Access-Control-Allow-Headers` does not allow, in check order. */
function disallowedHeaders(
  allowed: readonly string[],
  headers: readonly RequestHeader[],
  credentialsInclude: boolean,
): string[] {
  const wildcard = !credentialsInclude && allowed.includes('*');
  const missing: string[] = [];
  // Step 7.6: `Authorization` must be listed by name, even under `*`.
  const hasAuthorization = headers.some((h) => h.name.toLowerCase() === 'authorization');
  if (hasAuthorization && !allowed.includes('authorization')) missing.push('authorization');
  // Step 7.7: every other CORS-unsafe name, unless `*` covers it.
  if (!wildcard) {
    for (const name of corsUnsafeRequestHeaderNames(headers)) {
      if (!allowed.includes(name) && !missing.includes(name)) missing.push(name);
    }
  }
  return missing;
}
