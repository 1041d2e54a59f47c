import { ACRM, ORIGIN } from './headers.ts';
import type { CorsRequest } from './types.ts';

/**
 * The method the route serving `request` must handle. For a preflight (Fetch "HTTP requests":
 * OPTIONS with Origin and Access-Control-Request-Method) it is the method the preflight asks
 * about, so that a preflight is decided by the policy of the route its actual request will reach.
 * Adapters that pick per-route policies themselves (fastify's `config.cors`) use this too.
 */
export function routingMethodOf(request: CorsRequest): string {
  if (request.method !== 'OPTIONS') return request.method;
  const origin = request.header(ORIGIN);
  const asked = origin === undefined || origin === null ? undefined : request.header(ACRM);
  return typeof asked === 'string' ? asked : request.method;
}
