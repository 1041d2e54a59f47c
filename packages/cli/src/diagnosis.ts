/**
 * Words for a failed check: what failed, the usual name of the problem, and what to change.
 */
import type { CheckFailure, CorsErrorName, HeaderLines } from './cors-checks.ts';
import { getHeader } from './cors-checks.ts';
import type { CommonError } from './result.ts';

/** Where a check failed, and what the request and the response held there. */
export interface FailureContext {
  readonly failure: CheckFailure;
  /** The serialized origin the request carried there (`null` once tainted). */
  readonly origin: string;
  /** The page's own origin, as given. */
  readonly pageOrigin: string;
  readonly method: string;
  readonly url: string;
  readonly credentialsInclude: boolean;
  readonly status: number | null;
  readonly responseHeaders: HeaderLines;
  /** The requested headers the preflight did not allow (HeaderDisallowed…). */
  readonly missingHeaders: readonly string[];
  /** The CORS-unsafe header names the request carries (for the Allow-Headers fix). */
  readonly unsafeHeaders: readonly string[];
  /** The redirect target (PreflightDisallowedRedirect, RedirectContainsCredentials). */
  readonly location: string | null;
}

export interface Diagnosis {
  readonly commonError: CommonError;
  readonly detail: string;
  readonly fix: string;
}

const CREDENTIALS: ReadonlySet<CorsErrorName> = new Set([
  'WildcardOriginNotAllowed',
  'PreflightWildcardOriginNotAllowed',
  'InvalidAllowCredentials',
  'PreflightInvalidAllowCredentials',
]);

/**
 * The usual name of the problem: by cause first (no `Access-Control-Allow-Origin` at all; a
 * credentials rule), then by stage (anything else that failed at the preflight).
 */
export function commonErrorOf(code: CorsErrorName): CommonError {
  if (code === 'MissingAllowOriginHeader' || code === 'PreflightMissingAllowOriginHeader') {
    return 'no-allow-origin';
  }
  if (CREDENTIALS.has(code)) return 'credentials-refused';
  if (
    code.startsWith('Preflight') ||
    code.endsWith('PreflightResponse') ||
    code === 'PreflightDisallowedRedirect'
  ) {
    return 'preflight-failed';
  }
  return 'other';
}

const q = (value: string): string => `\`${value}\``;

/** Why two origins that differ are not the same, when the difference is a classic one. */
function originHint(allowed: string, origin: string): string {
  if (origin === 'null') {
    return ' After a cross-origin redirect the browser sends `Origin: null` (the origin is tainted), so only `null` or `*` matches.';
  }
  if (allowed === `${origin}/`)
    return ' The trailing slash is the difference: an origin has no path.';
  if (allowed.toLowerCase() === origin.toLowerCase()) {
    return ' Only letter case differs, and the comparison is byte for byte.';
  }
  try {
    const a = new URL(allowed);
    const b = new URL(origin);
    if (a.host === b.host && a.protocol !== b.protocol)
      return ' The scheme differs (http vs https).';
    if (a.hostname === b.hostname && a.port !== b.port) return ' The port differs.';
  } catch {
    // not URLs: nothing more to say
  }
  return '';
}

/** What failed, the common error, and the fix for a failed check. */
export function diagnose(context: FailureContext): Diagnosis {
  const { failure, origin, method, credentialsInclude, status, responseHeaders } = context;
  const code = failure.code;
  const preflight = code.startsWith('Preflight') || code.endsWith('PreflightResponse');
  const where = preflight ? 'The preflight response' : 'The response';
  const acao = getHeader(responseHeaders, 'access-control-allow-origin');
  const acac = getHeader(responseHeaders, 'access-control-allow-credentials');
  const acam = getHeader(responseHeaders, 'access-control-allow-methods');
  const acah = getHeader(responseHeaders, 'access-control-allow-headers');
  const statusText = status === null ? '' : ` (status ${status})`;
  const onPreflight = preflight
    ? ' The preflight is an OPTIONS request without cookies or Authorization: answer it before any authentication.'
    : '';
  const echo =
    origin === 'null'
      ? `\`Access-Control-Allow-Origin: null\`, or better, avoid the cross-origin redirect and let the page call the final URL`
      : `\`Access-Control-Allow-Origin: ${origin}\``;
  const commonError = commonErrorOf(code);
  const result = (detail: string, fix: string): Diagnosis => ({ commonError, detail, fix });

  switch (code) {
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader': {
      let errorStatus = '';
      if (status === 401 || status === 403) {
        errorStatus = preflight
          ? ` A ${status} to a preflight usually means authentication (or a CORS middleware refusing the origin, method or a header) answered before CORS did.`
          : ` A ${status}: an error response needs CORS headers too, or the page cannot even read the error.`;
      } else if (status === 404 || status === 405) {
        errorStatus = preflight
          ? ` A ${status}: no route handles OPTIONS for this path, and no CORS handler answered the preflight.`
          : ` A ${status}: the error response skipped the CORS headers.`;
      } else if (status !== null && status >= 500) {
        errorStatus = ` A ${status}: an error handler ran before CORS, or without it.`;
      }
      return result(
        `${where}${statusText} has no Access-Control-Allow-Origin header.${errorStatus}`,
        preflight
          ? `Answer OPTIONS ${context.url} with 204 and ${echo}, plus Access-Control-Allow-Methods / -Headers for what the page sends.${onPreflight}`
          : `Send ${echo} on this response (${credentialsInclude ? 'not `*`: the request has credentials' : 'or `*` for a public resource'}), on error responses and redirects too.`,
      );
    }
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      return result(
        `${where} has Access-Control-Allow-Origin ${q(failure.parameter)}: it must be exactly one origin (several field lines are combined into one value).`,
        `Send exactly one Access-Control-Allow-Origin line with one origin: echo the request's Origin when it is allowed (${echo}, with \`Vary: Origin\`). Two layers (the application and a proxy) that both add it produce two lines.`,
      );
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
      return result(
        `${where} has Access-Control-Allow-Origin ${q(failure.parameter)}, which is not an origin.`,
        `Send the origin exactly as the browser sends it in the Origin header: ${echo} (scheme, host, and the port when it is not the default; no path).`,
      );
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return result(
        `${where} has Access-Control-Allow-Origin ${q(failure.parameter)}, but the request's origin is ${q(origin)}.${originHint(failure.parameter, origin)}`,
        `Send ${echo}, byte for byte.`,
      );
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return result(
        `${where} has Access-Control-Allow-Origin \`*\`, which never allows a request with credentials (credentials: 'include'), whatever Access-Control-Allow-Credentials says.`,
        `With credentials, echo the origin: ${echo} with \`Access-Control-Allow-Credentials: true\` and \`Vary: Origin\`. Or, if the page needs no cookies, drop credentials: 'include'.`,
      );
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return result(
        acac === null
          ? `The request has credentials (credentials: 'include'), and ${where.toLowerCase()} has no Access-Control-Allow-Credentials header.`
          : `The request has credentials (credentials: 'include'), and ${where.toLowerCase()} has Access-Control-Allow-Credentials ${q(acac)}: only \`true\`, lowercase, allows it.`,
        `Add \`Access-Control-Allow-Credentials: true\` to ${preflight ? 'the preflight response (and to the actual response)' : 'the response'}, next to ${echo}.`,
      );
    case 'PreflightInvalidStatus':
      return result(
        `The preflight was answered ${status}: it needs an ok status (200–299).${acao === null ? '' : ' Its Access-Control-Allow-Origin was fine.'}`,
        `Answer OPTIONS ${context.url} with 204 (or 200). Frameworks answer 404 or 405 when no route handles OPTIONS, and 401 or 403 when authentication runs before CORS.${onPreflight}`,
      );
    case 'PreflightDisallowedRedirect':
      return result(
        `The preflight was redirected${statusText}${context.location === null ? '' : ` to ${context.location}`}: a browser never follows a redirect for a preflight.`,
        `Answer the preflight at ${context.url} itself. Redirects from http to https, from a missing trailing slash, or to a login page are the usual causes: let the page call the final URL directly.`,
      );
    case 'InvalidAllowMethodsPreflightResponse':
      return result(
        `The preflight response has Access-Control-Allow-Methods ${q(acam ?? '')}, which is not a comma-separated list of method names.`,
        `List methods as tokens separated by commas: \`Access-Control-Allow-Methods: ${method}\`.`,
      );
    case 'InvalidAllowHeadersPreflightResponse':
      return result(
        `The preflight response has Access-Control-Allow-Headers ${q(acah ?? '')}, which is not a comma-separated list of header names.`,
        `List header names separated by commas: \`Access-Control-Allow-Headers: ${context.unsafeHeaders.join(', ')}\`.`,
      );
    case 'MethodDisallowedByPreflightResponse': {
      const listed = acam === null ? 'has no Access-Control-Allow-Methods' : `allows ${q(acam)}`;
      let hint = '';
      const items = (acam ?? '').split(',').map((item) => item.trim());
      if (method !== method.toUpperCase()) {
        hint = ` The page sends ${q(method)} in lowercase: fetch() uppercases only DELETE, GET, HEAD, OPTIONS, POST and PUT, and methods are compared case-sensitively. Write ${q(method.toUpperCase())} in the page.`;
      } else if (items.some((item) => item !== method && item.toUpperCase() === method)) {
        hint = ` Methods are compared case-sensitively: ${q(items.find((item) => item.toUpperCase() === method) as string)} is not ${q(method)}.`;
      } else if (credentialsInclude && items.includes('*')) {
        hint = ' With credentials, `*` is a literal method name, not a wildcard.';
      }
      return result(
        `The preflight response ${listed}, which does not allow ${q(method)}.${hint}`,
        method === method.toUpperCase()
          ? `List the method in the preflight response: \`Access-Control-Allow-Methods: ${method}\` (with the others you allow).`
          : `Write ${q(method.toUpperCase())} in the page's fetch() call, and list it in the preflight response: \`Access-Control-Allow-Methods: ${method.toUpperCase()}\`.`,
      );
    }
    case 'HeaderDisallowedByPreflightResponse': {
      const missing =
        context.missingHeaders.length > 0 ? context.missingHeaders : [failure.parameter];
      const listed = acah === null ? 'has no Access-Control-Allow-Headers' : `allows ${q(acah)}`;
      let hint = '';
      const items = (acah ?? '').split(',').map((item) => item.trim());
      if (items.includes('*') && missing.includes('authorization') && !credentialsInclude) {
        hint =
          ' `*` never covers Authorization: it must be listed by name (Chromium 156 still lets it through; the standard and other browsers do not).';
      } else if (items.includes('*') && credentialsInclude) {
        hint = ' With credentials, `*` is a literal header name, not a wildcard.';
      }
      return result(
        `The preflight response ${listed}, which does not allow ${missing.map(q).join(', ')}.${hint}`,
        `List the headers the page sends: \`Access-Control-Allow-Headers: ${context.unsafeHeaders.join(', ')}\`.`,
      );
    }
    case 'RedirectContainsCredentials':
      return result(
        `The response redirects to ${context.location ?? 'a URL'} that holds a username or password, which a CORS request never follows.`,
        'Redirect to a URL without `user:password@`.',
      );
  }
}
