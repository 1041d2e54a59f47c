import { describe, expect, it } from 'vitest';
import type { FetchResult, SendContext } from './outcome.ts';
import { summarize } from './outcome.ts';
import { forecastPreflight } from './rules.ts';
import type { Exchange, HeaderLine } from './types.ts';

const ORIGIN = 'http://localhost:4300';
const TARGET = '/express/r1/json-post?run=1';

function context(change: Partial<SendContext['spec']> = {}): SendContext {
  const spec = {
    method: 'POST',
    headers: [],
    body: 'json',
    credentials: 'omit',
    ...change,
  } as const;
  return { origin: ORIGIN, spec, forecast: forecastPreflight(spec), target: TARGET };
}

let seq = 0;
function exchange(
  preflight: boolean,
  status: number,
  responseHeaders: HeaderLine[],
  reachedHandler = !preflight,
): Exchange {
  seq += 1;
  return {
    seq,
    adapter: 'express',
    method: preflight ? 'OPTIONS' : 'POST',
    url: TARGET,
    origin: ORIGIN,
    preflight,
    requestHeaders: [],
    status,
    responseHeaders,
    reachedHandler,
    decision: null,
  };
}

const read: FetchResult = {
  read: true,
  status: 200,
  body: '{}',
  headers: [
    ['content-type', 'application/json'],
    ['x-request-id', 'req-1'],
  ],
};
const rejected: FetchResult = { read: false, error: 'TypeError: Failed to fetch' };
const allowOrigin: HeaderLine = ['access-control-allow-origin', ORIGIN];
const goodPreflight = () =>
  exchange(true, 204, [allowOrigin, ['access-control-allow-headers', 'content-type']]);
const goodActual = () =>
  exchange(false, 200, [allowOrigin, ['x-request-id', 'req-1'], ['x-internal-trace', 't']]);

describe('summarize', () => {
  it('allowed, with the preflight it sent, and which headers the page could not read', () => {
    const preflight = goodPreflight();
    const actual = goodActual();
    expect(summarize(context(), read, [preflight, actual])).toEqual({
      state: 'allowed',
      preflight: 'sent',
      preflightExchange: preflight,
      actualExchange: actual,
      headline: 'Allowed: the page read the 200 response.',
      notes: [
        'The page could read these response headers: content-type, x-request-id.',
        'Hidden from the page (not safelisted, not in exposedHeaders): x-internal-trace.',
      ],
    });
  });

  it('preflight cached: a preflighted request whose OPTIONS never reached the server', () => {
    const summary = summarize(context(), read, [goodActual()]);
    expect(summary.state).toBe('allowed');
    expect(summary.preflight).toBe('cached');
    expect(summary.notes[0]).toBe(
      'Preflight cached: the browser reused the answer it cached for this URL (Access-Control-Max-Age), so no OPTIONS reached the server.',
    );
  });

  it('no preflight needed: a simple request', () => {
    const summary = summarize(context({ method: 'GET', body: 'none' }), read, [goodActual()]);
    expect(summary.preflight).toBe('not-needed');
  });

  it('only counts exchanges for this URL and this origin', () => {
    const elsewhere = { ...goodPreflight(), url: '/express/r1/other' };
    const stranger = { ...goodPreflight(), origin: 'http://127.0.0.1:4300' };
    expect(summarize(context(), read, [elsewhere, stranger, goodActual()]).preflight).toBe(
      'cached',
    );
  });

  it.each<[string, () => Exchange[], Partial<SendContext['spec']>, string]>([
    [
      'a preflight answered 403',
      () => [exchange(true, 403, [['vary', 'Origin']])],
      {},
      'Blocked by the browser: the preflight was answered 403, not a 2xx.',
    ],
    [
      'a preflight without Access-Control-Allow-Origin',
      () => [exchange(true, 204, [])],
      {},
      'Blocked by the browser: the preflight response has no Access-Control-Allow-Origin.',
    ],
    [
      'a preflight that does not list the method',
      () => [exchange(true, 204, [allowOrigin])],
      { method: 'PUT', body: 'none' },
      'Blocked by the browser: Access-Control-Allow-Methods does not list PUT.',
    ],
    [
      'a preflight that does not list a header',
      () => [exchange(true, 204, [allowOrigin, ['access-control-allow-headers', 'x-other']])],
      {},
      'Blocked by the browser: Access-Control-Allow-Headers does not list content-type.',
    ],
    [
      'credentials without Access-Control-Allow-Credentials',
      () => [goodPreflight()],
      { credentials: 'include' },
      'Blocked by the browser: a request with credentials needs Access-Control-Allow-Credentials: true.',
    ],
    [
      'credentials with Access-Control-Allow-Origin: *',
      () => [exchange(false, 200, [['access-control-allow-origin', '*']])],
      { method: 'GET', body: 'none', credentials: 'include' },
      'Blocked by the browser: Access-Control-Allow-Origin is * on a request with credentials.',
    ],
    [
      'another origin in Access-Control-Allow-Origin',
      () => [exchange(false, 200, [['access-control-allow-origin', 'http://127.0.0.1:4300']])],
      { method: 'GET', body: 'none' },
      "Blocked by the browser: Access-Control-Allow-Origin is http://127.0.0.1:4300, not this page's http://localhost:4300.",
    ],
  ])('blocked: %s', (_name, exchanges, spec, headline) => {
    const summary = summarize(context(spec), rejected, exchanges());
    expect([summary.state, summary.headline]).toEqual(['blocked', headline]);
  });

  it('blocked after the handler ran: says the server ran it anyway', () => {
    const summary = summarize(context({ method: 'POST', body: 'form' }), rejected, [
      exchange(false, 200, [['vary', 'Origin']], true),
    ]);
    expect(summary).toMatchObject({
      state: 'blocked',
      preflight: 'not-needed',
      headline: 'Blocked by the browser: the response has no Access-Control-Allow-Origin.',
    });
    expect(summary.notes).toContain(
      'The server ran the request anyway: CORS only kept the page from reading the answer. It is not a CSRF defence.',
    );
  });

  it('blocked at the preflight: says the request itself was never sent', () => {
    const summary = summarize(context(), rejected, [exchange(true, 403, [])]);
    expect(summary.notes).toEqual([
      'The browser never sent the request itself: the preflight failed.',
    ]);
  });

  it('unreached: nothing arrived and the fetch failed', () => {
    expect(summarize(context(), rejected, [])).toMatchObject({
      state: 'unreached',
      headline: 'The request never reached the server (TypeError: Failed to fetch).',
    });
  });
});
