/**
 * What `check()` resolves with and `corsica check --json` prints. The JSON Schema in
 * `schema/check-result.schema.json` describes the same shape; both change together, and a change
 * that is not backward compatible bumps `schemaVersion`.
 */
import type { CorsErrorName } from './cors-checks.ts';

export type { CorsErrorName } from './cors-checks.ts';

/**
 * - `allow`: every check passed; the page could read the response.
 * - `block`: the browser would refuse it (`failedCheck` says which check, or `netError` when it is
 *   not a CORS check).
 * - `unverified`: nothing failed, but the actual request was not sent (a method other than GET and
 *   HEAD without `--send`), so the check of its response was not run.
 * - `error`: the check could not be completed: connection refused, timeout, TLS failure.
 */
export type Verdict = 'allow' | 'block' | 'unverified' | 'error';

/**
 * - `no-allow-origin`: a response (the preflight's or the actual one's) has no
 *   `Access-Control-Allow-Origin` header.
 * - `credentials-refused`: a credentialed request met `Access-Control-Allow-Origin: *`, or no
 *   `Access-Control-Allow-Credentials: true`.
 * - `preflight-failed`: any other failure of the preflight (status, redirect, methods, headers,
 *   a mismatched origin).
 * - `other`: anything else (a mismatched or malformed origin on the actual response, a redirect
 *   the browser refuses).
 */
export type CommonError = 'no-allow-origin' | 'preflight-failed' | 'credentials-refused' | 'other';

/** A header field line: name as sent or received, value. */
export type HeaderLine = readonly [name: string, value: string];

/** A request as sent on the wire (or as it would be). */
export interface RequestRecord {
  readonly method: string;
  readonly url: string;
  readonly headers: readonly HeaderLine[];
}

/** A response head as received. */
export interface ResponseRecord {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly HeaderLine[];
}

/** A CORS-preflight exchange (https://fetch.spec.whatwg.org/#cors-preflight-fetch). */
export interface PreflightRecord {
  readonly request: RequestRecord;
  /** Null when no response arrived (the check then ended with an error). */
  readonly response: ResponseRecord | null;
  readonly passed: boolean;
}

/** One request of the actual fetch: the first one, then one per redirect followed. */
export interface Hop {
  /** 1-based. */
  readonly index: number;
  readonly method: string;
  readonly url: string;
  /** The `Origin` header sent: the page's origin, `null` (tainted), or null when none is sent. */
  readonly origin: string | null;
  /** `cors` when the CORS check applies; `same-origin` for a same-origin request, which skips it. */
  readonly mode: 'cors' | 'same-origin';
  /** Whether a cross-origin redirect has tainted the origin (`Origin: null` from here on). */
  readonly tainted: boolean;
  /** Whether cookies (`--cookie`) went with this request. */
  readonly credentials: boolean;
  /** The preflight sent before this request, if one was needed. */
  readonly preflight: PreflightRecord | null;
  /** The request, as sent or (when `sent` is false) as it would be sent. */
  readonly request: RequestRecord;
  readonly sent: boolean;
  readonly response: ResponseRecord | null;
  /** The redirect target, resolved, when the response is a redirect that was followed or refused. */
  readonly location: string | null;
  /** The CORS check of this response: true passed, false failed, null not run. */
  readonly passed: boolean | null;
}

/** Whether a preflight is needed, and why (https://fetch.spec.whatwg.org/#http-fetch, step 4.1). */
export interface PreflightSummary {
  readonly needed: boolean;
  /** Why it is needed, in words: the method, then each CORS-unsafe header. Empty when not needed. */
  readonly reasons: readonly string[];
  /** The `Access-Control-Request-Method` a preflight carries (the normalized method). */
  readonly requestMethod: string | null;
  /** The `Access-Control-Request-Headers` a preflight carries, or null when it has none. */
  readonly requestHeaders: string | null;
  /** Whether the first preflight passed; null when none was sent. */
  readonly passed: boolean | null;
}

/** The actual request. */
export interface ActualSummary {
  /** Whether it was sent (GET and HEAD always; other methods with `--send`). */
  readonly sent: boolean;
  /** When it was not sent: what would have been, in words (`would send PUT https://…`). */
  readonly wouldSend: string | null;
  /** The last URL requested (after redirects). */
  readonly finalUrl: string | null;
  /** The status of the last response received, if any. */
  readonly status: number | null;
  /** Redirects followed. */
  readonly redirects: number;
}

/** The request as the page's `fetch()` would make it, after normalization. */
export interface RequestSummary {
  readonly url: string;
  readonly origin: string;
  readonly method: string;
  /** `include` with `--credentials`; fetch()'s default `same-origin` otherwise. */
  readonly credentials: 'include' | 'same-origin';
  /** The author headers (with fetch()'s defaults: `Accept`, and `Content-Type` for a text body). */
  readonly headers: readonly HeaderLine[];
  readonly hasBody: boolean;
}

/** Why the check could not be completed (verdict `error`). */
export interface CheckErrorInfo {
  readonly kind: 'network' | 'timeout' | 'tls';
  /** Node's error code (`ECONNREFUSED`, `ETIMEDOUT`, `DEPTH_ZERO_SELF_SIGNED_CERT`…). */
  readonly code: string;
  readonly message: string;
}

export interface CheckResult {
  readonly schemaVersion: 1;
  readonly verdict: Verdict;
  /** Chromium's `network::mojom::CorsError` name of the failing check; null unless blocked by CORS. */
  readonly failedCheck: CorsErrorName | null;
  /** Chromium's `failedParameter` for it (`''` when it names none); null when nothing failed. */
  readonly failedParameter: string | null;
  /** Chromium's `net::Error` name when the browser would block it for another reason (`ERR_TOO_MANY_REDIRECTS`). */
  readonly netError: string | null;
  /** The usual name of the problem, or null when nothing failed. */
  readonly commonError: CommonError | null;
  /** What failed, in words; null when nothing failed. */
  readonly detail: string | null;
  /** What to change on the server (or in the page); null when nothing failed. */
  readonly fix: string | null;
  readonly error: CheckErrorInfo | null;
  readonly request: RequestSummary;
  readonly preflight: PreflightSummary;
  readonly actual: ActualSummary;
  /** Every request of the actual fetch, with the preflight before it when one was sent. */
  readonly hops: readonly Hop[];
  /** Things to know that do not change the verdict (a lowercase method, --insecure…). */
  readonly warnings: readonly string[];
  /** What this tool does not emulate, which a browser would also apply. */
  readonly notEmulated: readonly string[];
}
