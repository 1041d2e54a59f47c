/**
 * The one CORS policy every server runs, in Corsica's spelling and mapped onto each peer's options,
 * and the two requests the load generator sends.
 */
import type { CorsOptions } from '@corsica/cors-core';

export const ALLOWED_ORIGINS: readonly string[] = [
  'https://app.example.com',
  'https://admin.example.com',
  'https://partner.example.org',
];
/** The last listed origin: peers that scan a list pay for the whole scan. */
export const REQUEST_ORIGIN = 'https://partner.example.org';
export const METHODS: readonly string[] = ['GET', 'PUT', 'PATCH', 'DELETE'];
export const ALLOWED_HEADERS: readonly string[] = ['Content-Type', 'X-Api-Key'];
export const EXPOSED_HEADERS: readonly string[] = ['X-Request-Id'];
export const MAX_AGE_SECONDS = 600;

export const ROUTE_PATH = '/';
export const RESPONSE_TEXT = 'hello world';

export const corsicaPolicy: CorsOptions = {
  origins: [...ALLOWED_ORIGINS],
  credentials: true,
  methods: [...METHODS],
  allowedHeaders: [...ALLOWED_HEADERS],
  exposedHeaders: [...EXPOSED_HEADERS],
  maxAge: MAX_AGE_SECONDS,
};

export type RequestKind = 'preflight' | 'get';

export interface BenchRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

export const REQUESTS: Readonly<Record<RequestKind, BenchRequest>> = {
  preflight: {
    method: 'OPTIONS',
    path: ROUTE_PATH,
    headers: {
      origin: REQUEST_ORIGIN,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-api-key',
    },
  },
  get: { method: 'GET', path: ROUTE_PATH, headers: { origin: REQUEST_ORIGIN } },
};

export const REQUEST_LABELS: Readonly<Record<RequestKind, string>> = {
  preflight: 'Allowed preflight (`OPTIONS`, `PUT` with 2 request headers)',
  get: 'Allowed `GET` (small text body)',
};
