/**
 * `check()`: what a page at `origin` gets from `fetch(url, init)`, per the WHATWG Fetch standard
 * (https://fetch.spec.whatwg.org/#main-fetch, #http-fetch, #cors-preflight-fetch,
 * #http-redirect-fetch), with real requests and Chromium's names for what fails.
 */
import type { CheckFailure, HeaderLines } from './cors-checks.ts';
import { corsCheck, getHeader, preflightCheck } from './cors-checks.ts';
import type { FailureContext } from './diagnosis.ts';
import { diagnose } from './diagnosis.ts';
import type { RequestHeader } from './fetch-rules.ts';
import {
  accessControlRequestHeaders,
  corsUnsafeRequestHeaderNames,
  corsUnsafeRequestHeaders,
  invalidHeaderReason,
  isCorsSafelistedMethod,
  isForbiddenMethod,
  isForbiddenRequestHeader,
  isToken,
  normalizeHeaderValue,
  normalizeMethod,
  REQUEST_BODY_HEADER_NAMES,
} from './fetch-rules.ts';
import type { HttpExchangeResponse, TlsOptions } from './http.ts';
import { exchange, HttpFailure } from './http.ts';
import type {
  CheckErrorInfo,
  CheckResult,
  HeaderLine,
  Hop,
  PreflightRecord,
  PreflightSummary,
  RequestRecord,
  RequestSummary,
  ResponseRecord,
} from './result.ts';

export interface CheckOptions {
  /** The URL the page fetches (http or https). */
  readonly url: string;
  /** The page's origin (`https://app.example.com`), or `null` for an opaque origin. */
  readonly origin: string;
  /** The method as the page writes it; normalized as fetch() does. Default GET, or POST with `data`. */
  readonly method?: string;
  /** Headers the page sets, as `[name, value]` pairs or `"Name: value"` strings. */
  readonly headers?: readonly (string | readonly [string, string])[];
  /** `credentials: 'include'`. */
  readonly credentials?: boolean;
  /** A text body (`Content-Type: text/plain;charset=UTF-8` unless a header sets one). */
  readonly data?: string;
  /** The `Cookie` header the browser's cookie jar would add (sent only with credentials). */
  readonly cookie?: string;
  /** Per request: the response head must arrive within this many milliseconds. Default 10 000. */
  readonly timeoutMs?: number;
  /** Extra CA certificate(s), PEM, to trust for https. */
  readonly ca?: string;
  /** Skip certificate verification (and say so in the warnings). */
  readonly insecure?: boolean;
  /** Send the actual request for methods other than GET and HEAD (otherwise stop after the preflight). */
  readonly send?: boolean;
}

/** The options cannot describe a request a page could make: `fetch()` would throw, or the tool cannot. */
export class CheckUsageError extends Error {
  override readonly name = 'CheckUsageError';
}

/** https://fetch.spec.whatwg.org/#http-redirect-fetch: "If request's redirect count is 20, return a network error." */
export const MAX_REDIRECTS = 20;

const DEFAULT_TIMEOUT_MS = 10_000;
const USER_AGENT = 'corsica-cli (+https://github.com/corsica-dev/corsica)';

/** What this tool does not do that a browser would, listed in every result. */
export const NOT_EMULATED: readonly string[] = [
  'cookie jar and SameSite',
  'preflight cache',
  'Local Network Access prompts',
  'mixed content',
  'CSP',
];

const FORBIDDEN_HINTS: Record<string, string> = {
  cookie: 'use --cookie to send what the cookie jar would add (with --credentials)',
  cookie2: 'use --cookie',
  origin: 'use --origin: the browser sets Origin itself',
  host: 'put the host in the URL',
  referer: 'the browser sets Referer from the page and its referrer policy',
  'content-length': 'the body (--data) sets it',
};

/** Normalized options, or a usage error. */
interface Plan {
  readonly url: URL;
  readonly origin: string;
  readonly method: string;
  readonly headers: RequestHeader[];
  readonly credentialsInclude: boolean;
  readonly body: string | null;
  readonly cookie: string | null;
  readonly timeoutMs: number;
  readonly tls: TlsOptions;
  readonly send: boolean;
  readonly warnings: string[];
}

function parseHeader(entry: string | readonly [string, string]): [string, string] {
  if (typeof entry !== 'string') return [entry[0], entry[1]];
  const colon = entry.indexOf(':');
  if (colon === -1) {
    throw new CheckUsageError(
      `--header ${JSON.stringify(entry)} has no colon: write "Name: value"`,
    );
  }
  return [entry.slice(0, colon).trim(), entry.slice(colon + 1)];
}

/**
 * The serialized origin a browser would send for `given` (`null` for an opaque origin); a
 * `CheckUsageError` for anything that is not an http(s) origin.
 */
export function parseOrigin(given: string, warnings: string[]): string {
  if (given === 'null') return 'null';
  let parsed: URL;
  try {
    parsed = new URL(given);
  } catch {
    throw new CheckUsageError(
      `--origin ${JSON.stringify(given)} is not an origin: write it as the browser sends it, e.g. https://app.example.com`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CheckUsageError(
      `--origin must be an http or https origin, or null (an opaque origin), not ${parsed.protocol}`,
    );
  }
  if (
    (parsed.pathname !== '/' && parsed.pathname !== '') ||
    parsed.search !== '' ||
    parsed.hash !== '' ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    throw new CheckUsageError(
      `--origin ${JSON.stringify(given)} has a path, query or credentials: an origin is scheme://host[:port] (${parsed.origin})`,
    );
  }
  const origin = parsed.origin;
  if (origin !== given && `${origin}/` !== given) {
    warnings.push(`The origin is serialized as ${origin} (the browser sends it so).`);
  }
  return origin;
}

/** The method as fetch() sends it (https://fetch.spec.whatwg.org/#concept-method-normalize). */
export function parseMethod(given: string, warnings: string[]): string {
  if (!isToken(given)) {
    throw new CheckUsageError(`${JSON.stringify(given)} is not a valid method (a token)`);
  }
  if (isForbiddenMethod(given)) {
    throw new CheckUsageError(
      `${given.toUpperCase()} is a forbidden method: fetch() throws a TypeError for it (https://fetch.spec.whatwg.org/#forbidden-method)`,
    );
  }
  const method = normalizeMethod(given);
  if (method !== method.toUpperCase()) {
    warnings.push(
      `fetch() sends ${method} as written: it uppercases only DELETE, GET, HEAD, OPTIONS, POST and PUT (https://fetch.spec.whatwg.org/#concept-method-normalize), and servers compare methods case-sensitively. ${method.toUpperCase()} was probably meant.`,
    );
  }
  return method;
}

/**
 * The page's headers as fetch() would hold them; a `CheckUsageError` for a value fetch() throws
 * on and for a forbidden request-header, which a script cannot set.
 */
export function parseHeaders(
  entries: readonly (string | readonly [string, string])[],
): RequestHeader[] {
  const headers: RequestHeader[] = [];
  for (const entry of entries) {
    const [name, raw] = parseHeader(entry);
    const value = normalizeHeaderValue(raw);
    const invalid = invalidHeaderReason(name, value);
    if (invalid !== null) throw new CheckUsageError(`${invalid}: fetch() throws a TypeError`);
    if (isForbiddenRequestHeader(name, value)) {
      const lower = name.toLowerCase();
      const hint =
        FORBIDDEN_HINTS[lower] ??
        (lower.startsWith('sec-') || lower.startsWith('proxy-')
          ? `only the browser sets ${lower.startsWith('sec-') ? 'Sec-' : 'Proxy-'}* headers`
          : 'the browser sets it, or refuses to let a page send it');
      throw new CheckUsageError(
        `${name} is a forbidden request-header: a script cannot set it, and fetch() silently drops it (https://fetch.spec.whatwg.org/#forbidden-request-header); ${hint}`,
      );
    }
    // A repeated name stays one header-list entry per value, as the standard's header list keeps
    // them: each value is safelisted on its own, and counts toward the 1024-byte total.
    headers.push({ name, value });
  }
  return headers;
}

/** Why a preflight is needed: the method, then each CORS-unsafe header; empty when none is. */
export function preflightReasons(method: string, headers: readonly RequestHeader[]): string[] {
  const reasons: string[] = [];
  if (!isCorsSafelistedMethod(method)) {
    reasons.push(`${method} is not a CORS-safelisted method (GET, HEAD, POST)`);
  }
  const seen = new Set<string>();
  for (const { name, reason } of corsUnsafeRequestHeaders(headers)) {
    if (seen.has(name)) continue;
    seen.add(name);
    reasons.push(`${name} is not a CORS-safelisted request-header: ${reason}`);
  }
  return reasons;
}

function planRequest(options: CheckOptions): Plan {
  const warnings: string[] = [];

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new CheckUsageError(`${JSON.stringify(options.url)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CheckUsageError(`only http and https URLs can be checked, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    // fetch() throws: "Request cannot be constructed from a URL that includes credentials".
    throw new CheckUsageError(
      'the URL holds a username or password, which fetch() refuses (TypeError); send an Authorization header instead',
    );
  }
  url.hash = '';

  const origin = parseOrigin(options.origin, warnings);

  const body = options.data ?? null;
  const method = parseMethod(options.method ?? (body === null ? 'GET' : 'POST'), warnings);
  if (body !== null && (method === 'GET' || method === 'HEAD')) {
    throw new CheckUsageError(
      `a ${method} request cannot have a body: fetch() throws a TypeError (drop --data, or use --method POST)`,
    );
  }

  const headers = parseHeaders(options.headers ?? []);
  const repeated = combinedDifference(headers);
  if (repeated !== null) warnings.push(repeated);
  const has = (name: string): boolean => headers.some((h) => h.name.toLowerCase() === name);
  // https://fetch.spec.whatwg.org/#dom-request: a string body brings its Content-Type.
  if (body !== null && !has('content-type')) {
    headers.push({ name: 'Content-Type', value: 'text/plain;charset=UTF-8' });
  }
  // https://fetch.spec.whatwg.org/#fetching, step 12: fetch() adds `Accept: */*`.
  if (!has('accept')) headers.push({ name: 'Accept', value: '*/*' });

  let cookie: string | null = null;
  if (options.cookie !== undefined) {
    cookie = normalizeHeaderValue(options.cookie);
    const invalid = invalidHeaderReason('Cookie', cookie);
    if (invalid !== null) throw new CheckUsageError(invalid);
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new CheckUsageError('the timeout must be a positive number of milliseconds');
  }
  if (options.insecure === true && options.ca !== undefined) {
    throw new CheckUsageError(
      '--insecure and --cacert exclude each other: trust the CA, or skip verification',
    );
  }
  if (options.insecure === true) {
    warnings.push(
      'TLS certificates are not verified (--insecure): a browser would verify them and refuse an untrusted one.',
    );
  }
  if (origin.startsWith('https:') && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    warnings.push(
      `A page at ${origin} cannot fetch http: URLs: the browser blocks it as mixed content before any CORS check (not emulated).`,
    );
  }

  return {
    url,
    origin,
    method,
    headers,
    credentialsInclude: options.credentials === true,
    body,
    cookie,
    timeoutMs,
    tls: {
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      ...(options.insecure === true ? { insecure: true } : {}),
    },
    send: options.send === true,
    warnings,
  };
}

/**
 * Chromium joins repeated request headers into one value (`a, b`) before safelisting them, where
 * the standard checks each value on its own; says so when that changes the preflight.
 */
function combinedDifference(headers: readonly RequestHeader[]): string | null {
  const combined: RequestHeader[] = [];
  for (const { name, value } of headers) {
    const index = combined.findIndex((h) => h.name.toLowerCase() === name.toLowerCase());
    if (index === -1) combined.push({ name, value });
    else {
      const previous = combined[index] as RequestHeader;
      combined[index] = { name: previous.name, value: `${previous.value}, ${value}` };
    }
  }
  if (combined.length === headers.length) return null;
  const spec = accessControlRequestHeaders(headers);
  const chromium = accessControlRequestHeaders(combined);
  if (spec === chromium) return null;
  return `Repeated headers: the standard safelists each value on its own (Access-Control-Request-Headers: ${spec ?? 'none'}), but Chromium joins them with ", " first (${chromium ?? 'none'}).`;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname.startsWith('127.') ||
    hostname === '[::1]'
  );
}

/** https://html.spec.whatwg.org/#same-origin for a serialized origin and a URL. */
function sameOrigin(origin: string, url: URL): boolean {
  return origin !== 'null' && origin === url.origin;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function toRecord(response: HttpExchangeResponse): ResponseRecord {
  return { status: response.status, statusText: response.statusText, headers: response.headers };
}

interface Blocked {
  readonly failure: CheckFailure | null;
  readonly netError: string | null;
  readonly context: FailureContext | null;
  readonly detail?: string;
  readonly fix?: string;
}

/**
 * Does what a page at `options.origin` would get from `fetch(options.url, …)`: decides whether a
 * preflight is needed, sends it and checks it, sends the actual request (GET and HEAD always,
 * other methods with `send`), follows redirects with a CORS check on each hop, and explains the
 * first check that fails. Rejects with a `CheckUsageError` for options no page could use; network
 * failures resolve with the verdict `error`.
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const plan = planRequest(options);
  const warnings = plan.warnings;
  const hops: Hop[] = [];
  const reasons = preflightReasons(plan.method, plan.headers);
  const firstCors = !sameOrigin(plan.origin, plan.url);
  const preflightSummary: {
    needed: boolean;
    reasons: string[];
    requestMethod: string | null;
    requestHeaders: string | null;
    passed: boolean | null;
  } = {
    needed: firstCors && reasons.length > 0,
    reasons: firstCors ? reasons : [],
    requestMethod: firstCors && reasons.length > 0 ? plan.method : null,
    requestHeaders:
      firstCors && reasons.length > 0 ? accessControlRequestHeaders(plan.headers) : null,
    passed: null,
  };
  const sendActual = plan.method === 'GET' || plan.method === 'HEAD' || plan.send;

  let url = plan.url;
  let method = plan.method;
  let headers = plan.headers;
  let body = plan.body;
  // https://fetch.spec.whatwg.org/#concept-request-response-tainting
  let tainting: 'basic' | 'cors' = firstCors ? 'cors' : 'basic';
  let tainted = false;
  let redirects = 0;
  let blocked: Blocked | null = null;
  let error: CheckErrorInfo | null = null;
  let wouldSend: string | null = null;
  let lastStatus: number | null = null;

  const run = async (
    send: () => Promise<HttpExchangeResponse>,
  ): Promise<HttpExchangeResponse | null> => {
    try {
      const response = await send();
      if (response.certificateError !== null) {
        const note = `the certificate of ${url.host} was accepted only because of --insecure: ${response.certificateError}`;
        if (!warnings.includes(note)) warnings.push(note);
      }
      return response;
    } catch (failure) {
      if (!(failure instanceof HttpFailure)) throw failure;
      const advice =
        failure.kind === 'tls'
          ? ' (trust its CA with --cacert FILE, or skip verification with --insecure)'
          : '';
      error = { kind: failure.kind, code: failure.code, message: `${failure.message}${advice}` };
      return null;
    }
  };

  /** Blocked by `failure` on `response`, at the current hop. */
  const blockedBy = (
    failure: CheckFailure,
    response: HttpExchangeResponse,
    at: {
      readonly origin: string;
      readonly location: string | null;
      readonly missingHeaders?: readonly string[];
    },
  ): Blocked => ({
    failure,
    netError: null,
    context: {
      failure,
      origin: at.origin,
      pageOrigin: plan.origin,
      method,
      url: url.href,
      credentialsInclude: plan.credentialsInclude,
      status: response.status,
      responseHeaders: response.headers,
      missingHeaders: at.missingHeaders ?? [],
      unsafeHeaders: corsUnsafeRequestHeaderNames(headers),
      location: at.location,
    },
  });
  /** Blocked for a reason that is not a CORS check (Chromium reports a net::Error). */
  const netBlocked = (netError: string, detail: string, fix: string): Blocked => ({
    failure: null,
    netError,
    context: null,
    detail,
    fix,
  });

  for (;;) {
    // https://fetch.spec.whatwg.org/#main-fetch: a same-origin request with basic tainting skips
    // CORS; the first cross-origin URL switches the request to cors tainting for good.
    if (tainting === 'basic' && !sameOrigin(plan.origin, url)) tainting = 'cors';
    const cors = tainting === 'cors';
    const serializedOrigin = tainted ? 'null' : plan.origin;
    const hopReasons = preflightReasons(method, headers);

    // https://fetch.spec.whatwg.org/#cors-preflight-fetch (no preflight cache: always sent).
    let preflight: PreflightRecord | null = null;
    if (cors && hopReasons.length > 0) {
      const acrh = accessControlRequestHeaders(headers);
      const request: RequestRecord = {
        method: 'OPTIONS',
        url: url.href,
        headers: [
          ['Accept', '*/*'],
          ['Access-Control-Request-Method', method],
          ...(acrh === null ? [] : ([['Access-Control-Request-Headers', acrh]] as HeaderLine[])),
          ['Origin', serializedOrigin],
          ['Sec-Fetch-Mode', 'cors'],
          ['User-Agent', USER_AGENT],
        ],
      };
      // A preflight never carries credentials: no cookie, and none of the page's headers.
      const target = url;
      const response = await run(() =>
        exchange({ ...request, url: target, body: null, timeoutMs: plan.timeoutMs, tls: plan.tls }),
      );
      let failure: CheckFailure | null = null;
      let missingHeaders: readonly string[] = [];
      let location: string | null = null;
      if (response !== null && isRedirect(response)) {
        // Chromium fails a redirected preflight before it looks at anything else.
        failure = { code: 'PreflightDisallowedRedirect', parameter: '' };
        location = resolveLocation(response.headers, url);
      } else if (response !== null) {
        ({ failure, missingHeaders } = preflightCheck({
          status: response.status,
          lines: response.headers,
          origin: serializedOrigin,
          credentialsInclude: plan.credentialsInclude,
          method,
          headers,
        }));
      }
      const passed = response !== null && failure === null;
      preflight = { request, response: response === null ? null : toRecord(response), passed };
      if (preflightSummary.passed === null) {
        // The summary describes the first preflight sent, whichever hop it preceded.
        preflightSummary.needed = true;
        preflightSummary.reasons = hopReasons;
        preflightSummary.requestMethod = method;
        preflightSummary.requestHeaders = acrh;
        preflightSummary.passed = passed;
      }
      if (!passed) {
        if (response !== null && failure !== null) {
          blocked = blockedBy(failure, response, {
            origin: serializedOrigin,
            location,
            missingHeaders,
          });
        }
        hops.push(
          notSentHop(hops.length + 1, method, url, serializedOrigin, tainted, preflight, headers),
        );
        break;
      }
    }

    // The actual request (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch): Origin on
    // every CORS request, and on same-origin requests other than GET and HEAD; cookies when
    // credentials are included (always for same-origin requests).
    const sentOrigin = cors || (method !== 'GET' && method !== 'HEAD') ? serializedOrigin : null;
    const requestHeaders: HeaderLine[] = headers.map((h) => [h.name, h.value] as const);
    if (sentOrigin !== null) requestHeaders.push(['Origin', sentOrigin]);
    const withCookie = (plan.credentialsInclude || !cors) && plan.cookie !== null;
    if (withCookie) requestHeaders.push(['Cookie', plan.cookie as string]);
    requestHeaders.push(['Sec-Fetch-Mode', 'cors'], ['User-Agent', USER_AGENT]);
    const hopBase = {
      index: hops.length + 1,
      method,
      url: url.href,
      origin: sentOrigin,
      mode: cors ? ('cors' as const) : ('same-origin' as const),
      tainted,
      credentials: withCookie,
      preflight,
      request: { method, url: url.href, headers: requestHeaders },
    };

    if (!sendActual) {
      const sized = body === null ? '' : ` with a ${body.length}-byte body`;
      const why =
        preflight === null
          ? 'no preflight needed: the browser sends it straight away'
          : 'the preflight allows it';
      wouldSend = `would send ${method} ${url.href}${sized} (${why}); pass --send to send it and check its response`;
      hops.push({ ...hopBase, sent: false, response: null, location: null, passed: null });
      break;
    }

    if (method !== method.toUpperCase()) {
      const note = `Node's HTTP client uppercases methods, so the actual request went out as ${method.toUpperCase()}, not ${method}.`;
      if (!warnings.includes(note)) warnings.push(note);
    }
    const target = url;
    const sent = { method, body };
    const response = await run(() =>
      exchange({
        ...sent,
        url: target,
        headers: requestHeaders,
        timeoutMs: plan.timeoutMs,
        tls: plan.tls,
      }),
    );
    if (response === null) {
      hops.push({ ...hopBase, sent: true, response: null, location: null, passed: null });
      break;
    }
    lastStatus = response.status;
    const redirect = isRedirect(response);
    const location = redirect ? resolveLocation(response.headers, url) : null;

    // https://fetch.spec.whatwg.org/#http-fetch step 4.4 (Chromium's CorsURLLoader, also on
    // OnReceiveRedirect): every response of a CORS request, redirects included, passes the CORS check.
    const failure = cors
      ? corsCheck(response.headers, serializedOrigin, plan.credentialsInclude)
      : null;
    hops.push({
      ...hopBase,
      sent: true,
      response: toRecord(response),
      location,
      passed: cors ? failure === null : null,
    });
    if (failure !== null) {
      blocked = blockedBy(failure, response, { origin: serializedOrigin, location });
      break;
    }
    if (!redirect) break;

    // https://fetch.spec.whatwg.org/#http-redirect-fetch
    if (location === null) {
      blocked = netBlocked(
        'ERR_INVALID_REDIRECT',
        `The Location header (${getHeader(response.headers, 'location')}) is not a valid URL.`,
        'Send an absolute or relative URL in Location.',
      );
      break;
    }
    const next = new URL(location);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      blocked = netBlocked(
        'ERR_UNSAFE_REDIRECT',
        `The response redirects to a ${next.protocol} URL, which fetch() never follows.`,
        'Redirect to an http or https URL.',
      );
      break;
    }
    if (redirects === MAX_REDIRECTS) {
      blocked = netBlocked(
        'ERR_TOO_MANY_REDIRECTS',
        `More than ${MAX_REDIRECTS} redirects: fetch() gives up.`,
        'Break the redirect loop, or point the page at the final URL.',
      );
      break;
    }
    redirects++;
    // Steps 8 and 9 (Chromium's CheckRedirectLocation): a Location with credentials is refused
    // unless the request is still same-origin and untainted.
    if (
      (next.username !== '' || next.password !== '') &&
      (tainted || cors || !sameOrigin(plan.origin, next))
    ) {
      blocked = blockedBy({ code: 'RedirectContainsCredentials', parameter: '' }, response, {
        origin: serializedOrigin,
        location,
      });
      break;
    }
    // Step 12: 301 and 302 turn a POST into a GET, 303 anything but GET and HEAD; the body and
    // its headers go.
    if (
      ((response.status === 301 || response.status === 302) && method === 'POST') ||
      (response.status === 303 && method !== 'GET' && method !== 'HEAD')
    ) {
      method = 'GET';
      body = null;
      headers = headers.filter((h) => !REQUEST_BODY_HEADER_NAMES.has(h.name.toLowerCase()));
    }
    // Step 13: a cross-origin redirect drops Authorization (the CORS non-wildcard request-header name).
    if (url.origin !== next.origin) {
      headers = headers.filter((h) => h.name.toLowerCase() !== 'authorization');
    }
    // Step 14: the tainted origin flag (https://fetch.spec.whatwg.org/#concept-request-tainted-origin):
    // leaving a URL that is cross-origin to the page for another origin makes the Origin `null`.
    if (url.origin !== next.origin && !sameOrigin(plan.origin, url)) tainted = true;
    url = next;
  }

  return assemble({
    plan,
    hops,
    preflightSummary,
    blocked,
    error,
    wouldSend,
    lastStatus,
    redirects,
    sendActual,
  });
}

/** A redirect status with a Location: what fetch() follows (or a preflight refuses). */
function isRedirect(response: HttpExchangeResponse): boolean {
  return REDIRECT_STATUSES.has(response.status) && getHeader(response.headers, 'location') !== null;
}

function resolveLocation(lines: HeaderLines, base: URL): string | null {
  const value = getHeader(lines, 'location');
  if (value === null) return null;
  try {
    const next = new URL(value, base);
    // https://fetch.spec.whatwg.org/#concept-response-location-url: the fragment is kept from the
    // request when the Location has none; it never goes on the wire.
    next.hash = '';
    return next.href;
  } catch {
    return null;
  }
}

function notSentHop(
  index: number,
  method: string,
  url: URL,
  origin: string,
  tainted: boolean,
  preflight: PreflightRecord,
  headers: readonly RequestHeader[],
): Hop {
  return {
    index,
    method,
    url: url.href,
    origin,
    mode: 'cors',
    tainted,
    credentials: false,
    preflight,
    request: {
      method,
      url: url.href,
      headers: [...headers.map((h) => [h.name, h.value] as const), ['Origin', origin]],
    },
    sent: false,
    response: null,
    location: null,
    passed: null,
  };
}

function assemble(parts: {
  plan: Plan;
  hops: Hop[];
  preflightSummary: PreflightSummary;
  blocked: Blocked | null;
  error: CheckErrorInfo | null;
  wouldSend: string | null;
  lastStatus: number | null;
  redirects: number;
  sendActual: boolean;
}): CheckResult {
  const { plan, hops, blocked, error } = parts;
  const request: RequestSummary = {
    url: plan.url.href,
    origin: plan.origin,
    method: plan.method,
    credentials: plan.credentialsInclude ? 'include' : 'same-origin',
    headers: plan.headers.map((h) => [h.name, h.value] as const),
    hasBody: plan.body !== null,
  };
  if (plan.cookie !== null && !plan.credentialsInclude && hops.some((hop) => hop.mode === 'cors')) {
    plan.warnings.push(
      "--cookie was not sent on cross-origin requests: fetch() sends cookies there only with credentials: 'include' (--credentials).",
    );
  }
  const last = hops[hops.length - 1];
  type Outcome = Pick<
    CheckResult,
    'verdict' | 'failedCheck' | 'failedParameter' | 'netError' | 'commonError' | 'detail' | 'fix'
  >;
  const none = { failedCheck: null, failedParameter: null, netError: null, commonError: null };
  let outcome: Outcome;
  if (error !== null) {
    outcome = { verdict: 'error', ...none, detail: error.message, fix: null };
  } else if (blocked?.context != null && blocked.failure !== null) {
    const diagnosis = diagnose(blocked.context);
    outcome = {
      verdict: 'block',
      failedCheck: blocked.failure.code,
      failedParameter: blocked.failure.parameter,
      netError: null,
      ...diagnosis,
    };
  } else if (blocked !== null) {
    outcome = {
      verdict: 'block',
      ...none,
      netError: blocked.netError,
      commonError: 'other',
      detail: blocked.detail ?? null,
      fix: blocked.fix ?? null,
    };
  } else {
    outcome = {
      verdict: parts.sendActual ? 'allow' : 'unverified',
      ...none,
      detail: null,
      fix: null,
    };
  }
  // The order of the keys is the order of the JSON output: the verdict first.
  return {
    schemaVersion: 1,
    verdict: outcome.verdict,
    failedCheck: outcome.failedCheck,
    failedParameter: outcome.failedParameter,
    netError: outcome.netError,
    commonError: outcome.commonError,
    detail: outcome.detail,
    fix: outcome.fix,
    error,
    request,
    preflight: parts.preflightSummary,
    actual: {
      sent: hops.some((hop) => hop.sent),
      wouldSend: parts.wouldSend,
      finalUrl: last === undefined ? null : last.url,
      status: parts.lastStatus,
      redirects: parts.redirects,
    },
    hops,
    warnings: plan.warnings,
    notEmulated: NOT_EMULATED,
  };
}
