import type { CorsHeaderValue, CorsRequest, CorsRequestKind } from '../types.ts';
import { ACRM, ORIGIN } from './headers.ts';

/**
 * The kinds of request a CORS server tells apart (https://fetch.spec.whatwg.org/#http-requests):
 * - a request without `Origin` is outside the protocol (`non-cors`);
 * - a CORS-preflight request is `OPTIONS` (byte for byte) with `Origin` and
 *   `Access-Control-Request-Method`; it is answered by the CORS layer (`preflight`);
 * - every other request with `Origin` is an `actual` request, `OPTIONS` without
 *   `Access-Control-Request-Method` included, handled by the application.
 * This is the one classification the core uses: for decisions, for route lookup and for the
 * method a preflight is routed by.
 */
export function classify(
  origin: CorsHeaderValue,
  method: string | undefined,
  requestMethod: CorsHeaderValue,
): CorsRequestKind {
  if (origin === undefined || origin === null) return 'non-cors';
  return method === 'OPTIONS' && requestMethod !== undefined && requestMethod !== null
    ? 'preflight'
    : 'actual';
}

/** `classify` for a whole request, reading `Access-Control-Request-Method` only for OPTIONS. */
export function classifyRequest(request: CorsRequest<unknown>): CorsRequestKind {
  const method = request.method;
  return classify(
    request.header(ORIGIN),
    method,
    method === 'OPTIONS' ? request.header(ACRM) : undefined,
  );
}

/**
 * The method the route serving `request` must handle. For a preflight it is the method the
 * preflight asks about, so that a preflight is decided by the policy of the route its actual
 * request will reach. Adapters that pick per-route policies themselves (fastify's `config.cors`)
 * use this too.
 */
export function routingMethodOf(request: CorsRequest<unknown>): string {
  const method = request.method ?? 'GET';
  if (classifyRequest(request) !== 'preflight') return method;
  const asked = request.header(ACRM);
  return typeof asked === 'string' ? asked : method;
}
