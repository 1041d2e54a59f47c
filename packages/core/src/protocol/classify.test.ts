import { describe, expect, it } from 'vitest';
import type { CorsHeaderValue, CorsRequest } from '../index.ts';
import { classify, classifyRequest, createCors, routingMethodOf } from '../index.ts';
import { request } from '../test-support/requests.ts';

const APP = 'https://app.example.com';

/**
 * A request whose header lookup answers like the Fetch `Headers.get` of fetch-based adapters
 * (`null` for a missing header) and records every name it is asked for.
 */
function fetchLike(
  method: string | undefined,
  headers: Readonly<Record<string, string>>,
): { request: CorsRequest; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    request: {
      method,
      header: (name): CorsHeaderValue => {
        asked.push(name);
        return headers[name] ?? null;
      },
    },
  };
}

/**
 * https://fetch.spec.whatwg.org/#http-requests: a CORS request carries `Origin`; a CORS-preflight
 * request is `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
 */
describe('the kinds of request', () => {
  it.each([
    ['no Origin (undefined)', undefined, 'GET', undefined, 'non-cors'],
    ['no Origin (null, as Headers.get answers)', null, 'GET', undefined, 'non-cors'],
    ['an OPTIONS without Origin, even with a request method', null, 'OPTIONS', 'PUT', 'non-cors'],
    ['a GET with Origin', APP, 'GET', undefined, 'actual'],
    ['OPTIONS with Origin and a request method', APP, 'OPTIONS', 'PUT', 'preflight'],
    [
      'OPTIONS with Origin, request method missing (undefined)',
      APP,
      'OPTIONS',
      undefined,
      'actual',
    ],
    ['OPTIONS with Origin, request method missing (null)', APP, 'OPTIONS', null, 'actual'],
    ['a POST carrying a request method', APP, 'POST', 'PUT', 'actual'],
    ['a lowercase options carrying a request method', APP, 'options', 'PUT', 'actual'],
  ] as const)('%s is %s', (_name, origin, method, requestMethod, kind) => {
    expect(classify(origin, method, requestMethod)).toBe(kind);
  });

  it('reads Access-Control-Request-Method only for OPTIONS', () => {
    const get = fetchLike('GET', { origin: APP, 'access-control-request-method': 'PUT' });
    expect(classifyRequest(get.request)).toBe('actual');
    expect(get.asked).toStrictEqual(['origin']);

    const options = fetchLike('OPTIONS', { origin: APP, 'access-control-request-method': 'PUT' });
    expect(classifyRequest(options.request)).toBe('preflight');
    expect(options.asked).toStrictEqual(['origin', 'access-control-request-method']);
  });

  it('answers a fetch-style request without Origin as non-CORS', () => {
    const decision = createCors({ origins: [APP] }).decide(fetchLike('GET', {}).request);
    expect(decision).toMatchObject({ kind: 'non-cors', allowed: true });
  });
});

describe('the method a request is routed by', () => {
  it.each([
    ['a GET', request('GET', { Origin: APP }), 'GET'],
    [
      'a preflight, by the method it asks about',
      request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }),
      'PUT',
    ],
    ['an OPTIONS that is no preflight, by OPTIONS', request('OPTIONS', { Origin: APP }), 'OPTIONS'],
    ['a request without a method, as a GET', fetchLike(undefined, { origin: APP }).request, 'GET'],
  ])('%s', (_name, corsRequest, method) => {
    expect(routingMethodOf(corsRequest)).toBe(method);
  });
});
