import type { CorsOptions } from '@corsica/cors-core';
import type { RequestSpec } from './requests.ts';
import { requestSpec } from './requests.ts';

/**
 * The one policy every middleware is configured with in the micro benchmark: 3 allowed origins,
 * credentials, 4 methods, 2 allowed request headers, 1 exposed header, a 10-minute preflight cache.
 * Each peer gets the closest mapping its options allow (see each framework's file).
 */
export const ALLOWED_ORIGINS = [
  'https://app.example.com',
  'https://admin.example.com',
  'https://partner.example.org',
] as const;
export const METHODS = ['PUT', 'PATCH', 'DELETE', 'POST'] as const;
export const ALLOWED_HEADERS = ['Content-Type', 'X-Request-Id'] as const;
export const EXPOSED_HEADERS = ['X-Request-Id'] as const;
export const MAX_AGE = 600;

export const CORSICA_OPTIONS: CorsOptions = {
  origins: [...ALLOWED_ORIGINS],
  credentials: true,
  methods: [...METHODS],
  allowedHeaders: [...ALLOWED_HEADERS],
  exposedHeaders: [...EXPOSED_HEADERS],
  maxAge: MAX_AGE,
};

/** The origin the allowed requests come from: not the first listed, so no check wins by luck. */
export const REQUEST_ORIGIN = 'https://admin.example.com';
export const DISALLOWED_ORIGIN = 'https://evil.example.net';
/** What browsers send for `fetch(url, { method: 'PUT', headers: { 'Content-Type', 'X-Request-Id' } })`. */
export const REQUESTED_METHOD = 'PUT';
export const REQUESTED_HEADERS = 'content-type,x-request-id';
export const PATH = '/api/items/42';

export const SCENARIOS = [
  'allowed preflight',
  'allowed GET',
  'GET from a disallowed origin',
  'GET without Origin',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SCENARIO_REQUESTS: Readonly<Record<Scenario, RequestSpec>> = {
  'allowed preflight': requestSpec('OPTIONS', PATH, [
    ['origin', REQUEST_ORIGIN],
    ['access-control-request-method', REQUESTED_METHOD],
    ['access-control-request-headers', REQUESTED_HEADERS],
  ]),
  'allowed GET': requestSpec('GET', PATH, [['origin', REQUEST_ORIGIN]]),
  'GET from a disallowed origin': requestSpec('GET', PATH, [['origin', DISALLOWED_ORIGIN]]),
  'GET without Origin': requestSpec('GET', PATH, []),
};
