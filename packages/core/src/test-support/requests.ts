import type { CorsDecision, CorsHeaderValue, CorsRequest } from '../index.ts';
import { endedResponseHeaders } from '../index.ts';

/** A plain request for tests: header names case-insensitive, repeated lines as arrays. */
export function request(
  method: string,
  headers: Readonly<Record<string, string | readonly string[]>> = {},
  path?: string,
): CorsRequest {
  const byName = new Map<string, string | readonly string[]>();
  for (const [name, value] of Object.entries(headers)) byName.set(name.toLowerCase(), value);
  return {
    method,
    header: (name): CorsHeaderValue => byName.get(name),
    ...(path === undefined ? {} : { path }),
  };
}

/** A preflight from `origin` asking for `method` (and `headers`, as one ACRH line) at `path`. */
export function preflight(
  origin: string,
  method: string,
  headers?: string,
  path = '/api/items',
): CorsRequest {
  return request(
    'OPTIONS',
    {
      Origin: origin,
      'Access-Control-Request-Method': method,
      ...(headers === undefined ? {} : { 'Access-Control-Request-Headers': headers }),
    },
    path,
  );
}

/** What an adapter writes for a decision (Vary and Content-Length included), for exact assertions. */
export function responseHeaders(decision: CorsDecision): Record<string, string> {
  return endedResponseHeaders(decision);
}
