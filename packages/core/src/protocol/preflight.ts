import type { CorsDenialReason, CorsHeader, CorsHeaderValue } from '../types.ts';
import { ACAH, ACAM } from './headers.ts';
import type { RequestHeaderRules } from './request-headers.ts';
import { scanRequestHeaders } from './request-headers.ts';
import {
  FORBIDDEN_METHODS,
  isToken,
  NON_WILDCARD_REQUEST_HEADER,
  SAFELISTED_METHODS,
} from './tokens.ts';

/**
 * The method and header steps of a CORS-preflight fetch
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch), seen from the server: the browser accepts
 * the response when its `Access-Control-Allow-Methods` covers the method it asked for and its
 * `Access-Control-Allow-Headers` every header name it asked for. Corsica answers with exactly what
 * was asked and allowed, and nothing when it is not allowed: the policy itself is never disclosed.
 */

/**
 * The longest method a preflight may ask for (unless a longer one is listed). Browsers send what
 * the script wrote; registered methods are under 20 bytes.
 */
export const MAX_METHOD_LENGTH = 64;

export interface MethodRules {
  /** `methods: '*'`: any method token except the forbidden ones. */
  readonly any: boolean;
  /** The listed methods, each with its `Access-Control-Allow-Methods` answer, built once. */
  readonly listed: ReadonlyMap<string, CorsHeader>;
  /** The longest method examined at all. */
  readonly maxLength: number;
}

export function compileMethodRules(methods: '*' | readonly string[]): MethodRules {
  const listed = new Map<string, CorsHeader>();
  if (methods !== '*') {
    for (const method of methods) listed.set(method, Object.freeze([ACAM, method] as const));
  }
  return {
    any: methods === '*',
    listed,
    maxLength: Math.max(MAX_METHOD_LENGTH, ...[...listed.keys()].map((method) => method.length)),
  };
}

/** What an allowed preflight answers for its method and headers (none when nothing is needed). */
export interface PreflightAnswer {
  readonly allowMethods: CorsHeader | undefined;
  readonly allowHeaders: CorsHeader | undefined;
}

export interface PreflightRefusal {
  readonly reason: CorsDenialReason;
  /** The offending method or header name. */
  readonly value: string;
}

/**
 * https://fetch.spec.whatwg.org/#cors-preflight-fetch, the method step: `Access-Control-Request-
 * Method` is one token (https://fetch.spec.whatwg.org/#methods), compared byte for byte. A
 * CORS-safelisted method (`GET`, `HEAD`, `POST`, exactly) needs no answer; any other must be
 * allowed, and is echoed alone.
 */
export function checkPreflightMethod(
  method: string | readonly string[],
  rules: MethodRules,
): CorsHeader | undefined | PreflightRefusal {
  // Bounded before it is read: under `methods: '*'` an allowed method is echoed back whole.
  if (typeof method === 'string' && method.length > rules.maxLength) {
    return { reason: 'method-over-limit', value: method };
  }
  if (typeof method !== 'string' || !isToken(method)) {
    return {
      reason: 'method-malformed',
      value: typeof method === 'string' ? method : method.join(', '),
    };
  }
  if (SAFELISTED_METHODS.has(method)) return undefined;
  const listed = rules.listed.get(method);
  if (listed !== undefined) return listed;
  // https://fetch.spec.whatwg.org/#forbidden-method: browsers never send these.
  if (!rules.any || FORBIDDEN_METHODS.has(method.toUpperCase())) {
    return { reason: 'method-not-allowed', value: method };
  }
  return Object.freeze([ACAM, method] as const);
}

/**
 * The method, then the headers step (https://fetch.spec.whatwg.org/#cors-preflight-fetch), in the
 * order the browser checks them: what to answer, or why not.
 */
export function checkPreflight(
  method: string | readonly string[],
  requested: CorsHeaderValue,
  methods: MethodRules,
  headers: RequestHeaderRules,
): PreflightAnswer | PreflightRefusal {
  const allowMethods = checkPreflightMethod(method, methods);
  if (allowMethods !== undefined && 'reason' in allowMethods) return allowMethods;
  let allowHeaders: CorsHeader | undefined;
  if (requested !== undefined && requested !== null) {
    const scanned = scanRequestHeaders(requested, headers);
    if (typeof scanned !== 'string') return scanned;
    if (scanned !== '') allowHeaders = Object.freeze([ACAH, scanned] as const);
  }
  return { allowMethods, allowHeaders };
}

/**
 * Debug mode: the allowed part of what a refused preflight asked for. With it, the browser gets
 * an ok status and names exactly the method or header that is missing instead of reporting a
 * failed status, and still learns nothing of the policy beyond what was asked.
 */
export function allowedPart(
  method: string | readonly string[],
  requested: CorsHeaderValue,
  methods: MethodRules,
  headers: RequestHeaderRules,
): PreflightAnswer {
  const allowMethods = checkPreflightMethod(method, methods);
  const names: string[] = [];
  if (requested !== undefined && requested !== null) {
    const lines = typeof requested === 'string' ? [requested] : requested;
    for (const line of lines) {
      for (const element of line.split(',').slice(0, headers.maxNames)) {
        const name = element.trim().toLowerCase();
        if (name === '' || name.length > headers.maxNameLength) continue;
        const wildcard = headers.wildcard && name !== NON_WILDCARD_REQUEST_HEADER;
        if ((wildcard || headers.allowed.has(name)) && !names.includes(name)) names.push(name);
      }
    }
  }
  return {
    allowMethods:
      allowMethods !== undefined && !('reason' in allowMethods) ? allowMethods : undefined,
    allowHeaders: names.length > 0 ? Object.freeze([ACAH, names.join(',')] as const) : undefined,
  };
}
