import type { PreflightForecast, RequestSpec } from './rules.ts';
import type { Exchange, HeaderLine } from './types.ts';

/** What the page's `fetch()` gave: the response, or the TypeError a blocked request rejects with. */
export type FetchResult =
  | {
      readonly read: true;
      readonly status: number;
      readonly body: string;
      /** Every header the page could read (`response.headers`). */
      readonly headers: readonly HeaderLine[];
    }
  | { readonly read: false; readonly error: string };

export interface SendContext {
  /** The page's origin: what the browser sent as `Origin`. */
  readonly origin: string;
  readonly spec: RequestSpec;
  readonly forecast: PreflightForecast;
  /** The request target the servers saw: path and query. */
  readonly target: string;
}

/** One send, as the page shows it. */
export interface Summary {
  /** `unreached`: nothing arrived at the server and the fetch failed (a server down, a timeout). */
  readonly state: 'allowed' | 'blocked' | 'unreached';
  readonly preflight: 'sent' | 'cached' | 'not-needed';
  readonly preflightExchange: Exchange | undefined;
  readonly actualExchange: Exchange | undefined;
  readonly headline: string;
  readonly notes: readonly string[];
}

export function summarize(
  context: SendContext,
  result: FetchResult,
  exchanges: readonly Exchange[],
): Summary {
  const ours = exchanges.filter(
    (exchange) => exchange.url === context.target && exchange.origin === context.origin,
  );
  const preflightExchange = ours.find((exchange) => exchange.preflight);
  const actualExchange = ours.find((exchange) => !exchange.preflight);
  const preflight =
    preflightExchange !== undefined ? 'sent' : context.forecast.needed ? 'cached' : 'not-needed';
  const notes: string[] = [];
  if (preflight === 'cached' && actualExchange !== undefined) {
    notes.push(
      'Preflight cached: the browser reused the answer it cached for this URL (Access-Control-Max-Age), so no OPTIONS reached the server.',
    );
  }
  if (preflight === 'not-needed') {
    notes.push(
      'No preflight needed: a simple request (safelisted method and headers) goes straight out.',
    );
  }

  if (result.read) {
    const exposed = result.headers.map(([name]) => name);
    const hidden = (actualExchange?.responseHeaders ?? [])
      .map(([name]) => name.toLowerCase())
      .filter((name) => !exposed.includes(name) && !name.startsWith('access-control-'));
    notes.push(`The page could read these response headers: ${exposed.join(', ') || 'none'}.`);
    if (hidden.length > 0) {
      notes.push(
        `Hidden from the page (not safelisted, not in exposedHeaders): ${[...new Set(hidden)].join(', ')}.`,
      );
    }
    return {
      state: 'allowed',
      preflight,
      preflightExchange,
      actualExchange,
      headline: `Allowed: the page read the ${result.status} response.`,
      notes,
    };
  }

  if (preflightExchange === undefined && actualExchange === undefined) {
    return {
      state: 'unreached',
      preflight: context.forecast.needed ? 'cached' : 'not-needed',
      preflightExchange,
      actualExchange,
      headline: `The request never reached the server (${result.error}).`,
      notes: [],
    };
  }
  const preflightFailure =
    preflightExchange === undefined ? undefined : browserCheck(preflightExchange, context, true);
  const actualFailure =
    actualExchange === undefined ? undefined : browserCheck(actualExchange, context, false);
  const reason = preflightFailure ?? actualFailure;
  if (actualExchange === undefined) {
    notes.push('The browser never sent the request itself: the preflight failed.');
  } else if (actualExchange.reachedHandler) {
    notes.push(
      'The server ran the request anyway: CORS only kept the page from reading the answer. It is not a CSRF defence.',
    );
  }
  return {
    state: 'blocked',
    preflight,
    preflightExchange,
    actualExchange,
    headline: `Blocked by the browser: ${reason ?? 'the response failed a CORS check'}.`,
    notes,
  };
}

/**
 * The CORS check the browser ran on a response (https://fetch.spec.whatwg.org/#cors-check, and
 * for a preflight https://fetch.spec.whatwg.org/#cors-preflight-fetch steps 7-8), in words, or
 * undefined if it passes.
 */
export function browserCheck(
  exchange: Exchange,
  context: SendContext,
  preflight: boolean,
): string | undefined {
  const header = (name: string): string | undefined =>
    exchange.responseHeaders.find(([field]) => field.toLowerCase() === name)?.[1];
  const credentials = context.spec.credentials === 'include';
  const status = exchange.status ?? 0;
  if (preflight && (status < 200 || status > 299)) {
    return `the preflight was answered ${status}, not a 2xx`;
  }
  const allowOrigin = header('access-control-allow-origin');
  if (allowOrigin === undefined) {
    return `the ${preflight ? 'preflight ' : ''}response has no Access-Control-Allow-Origin`;
  }
  if (allowOrigin === '*' && credentials) {
    return 'Access-Control-Allow-Origin is * on a request with credentials';
  }
  if (allowOrigin !== '*' && allowOrigin !== context.origin) {
    return `Access-Control-Allow-Origin is ${allowOrigin}, not this page's ${context.origin}`;
  }
  if (credentials && header('access-control-allow-credentials') !== 'true') {
    return 'a request with credentials needs Access-Control-Allow-Credentials: true';
  }
  if (!preflight) return undefined;
  const listed = (name: string): string[] =>
    (header(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const methods = listed('access-control-allow-methods');
  const { method } = context.forecast;
  const safelisted = method === 'GET' || method === 'HEAD' || method === 'POST';
  if (!safelisted && !methods.includes(method) && !(methods.includes('*') && !credentials)) {
    return `Access-Control-Allow-Methods does not list ${method}`;
  }
  const allowed = listed('access-control-allow-headers').map((name) => name.toLowerCase());
  for (const name of context.forecast.headers?.split(',') ?? []) {
    const wildcard = allowed.includes('*') && !credentials && name !== 'authorization';
    if (!allowed.includes(name) && !wildcard) {
      return `Access-Control-Allow-Headers does not list ${name}`;
    }
  }
  return undefined;
}
