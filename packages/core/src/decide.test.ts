import { describe, expect, it } from 'vitest';
import type { CorsOptions } from './index.ts';
import { createCors } from './index.ts';
import { request, responseHeaders } from './test-support/requests.ts';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

const listPolicy: CorsOptions = {
  origins: [APP, 'https://admin.example.com'],
  methods: ['PUT', 'DELETE'],
  allowedHeaders: ['Content-Type', 'X-Custom-Header'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};

const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

interface Case {
  readonly name: string;
  readonly options: CorsOptions;
  readonly method: string;
  readonly headers: Record<string, string | readonly string[]>;
  readonly kind: 'non-cors' | 'preflight' | 'actual';
  readonly allowed: boolean;
  readonly reason?: string;
  readonly status: number | undefined;
  readonly response: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'GET without Origin is not a CORS request; only Vary: Origin',
    options: listPolicy,
    method: 'GET',
    headers: {},
    kind: 'non-cors',
    allowed: true,
    status: undefined,
    response: { vary: 'Origin' },
  },
  {
    name: 'OPTIONS with ACRM but no Origin is not a CORS request',
    options: listPolicy,
    method: 'OPTIONS',
    headers: { 'Access-Control-Request-Method': 'PUT' },
    kind: 'non-cors',
    allowed: true,
    status: undefined,
    response: { vary: 'Origin' },
  },
  {
    name: 'actual GET from an allowed origin',
    options: listPolicy,
    method: 'GET',
    headers: { Origin: APP },
    kind: 'actual',
    allowed: true,
    status: undefined,
    response: {
      'access-control-allow-origin': APP,
      'access-control-expose-headers': 'X-Request-Id',
      vary: 'Origin',
    },
  },
  {
    name: 'actual GET from a disallowed origin: no CORS headers, Vary: Origin',
    options: listPolicy,
    method: 'GET',
    headers: { Origin: EVIL },
    kind: 'actual',
    allowed: false,
    reason: 'origin-not-allowed',
    status: undefined,
    response: { vary: 'Origin' },
  },
  {
    name: 'actual GET from a disallowed origin with rejectDisallowed: 403',
    options: { ...listPolicy, rejectDisallowed: true },
    method: 'GET',
    headers: { Origin: EVIL },
    kind: 'actual',
    allowed: false,
    reason: 'origin-not-allowed',
    status: 403,
    response: { 'content-length': '0', vary: 'Origin' },
  },
  {
    name: 'OPTIONS with Origin but no ACRM is an actual request',
    options: listPolicy,
    method: 'OPTIONS',
    headers: { Origin: APP },
    kind: 'actual',
    allowed: true,
    status: undefined,
    response: {
      'access-control-allow-origin': APP,
      'access-control-expose-headers': 'X-Request-Id',
      vary: 'Origin',
    },
  },
  {
    name: 'preflight for PUT with two headers from an allowed origin',
    options: listPolicy,
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'content-type,x-custom-header',
    },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type,x-custom-header',
      'access-control-max-age': '600',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: 'preflight for a safelisted method needs no Access-Control-Allow-Methods',
    options: listPolicy,
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': APP,
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: 'preflight with non-canonical ACRH echoes the validated names in browser form',
    options: listPolicy,
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': ['Content-Type ,', ' , X-Custom-Header'],
    },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type,x-custom-header',
      'access-control-max-age': '600',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: 'preflight for PATCH, not listed: 403 without any Access-Control-Allow-* header',
    options: listPolicy,
    method: 'OPTIONS',
    headers: { Origin: APP, 'Access-Control-Request-Method': 'PATCH' },
    kind: 'preflight',
    allowed: false,
    reason: 'method-not-allowed',
    status: 403,
    response: { 'content-length': '0', vary: PREFLIGHT_VARY },
  },
  {
    name: 'preflight for lowercase delete does not match DELETE (methods are case-sensitive)',
    options: listPolicy,
    method: 'OPTIONS',
    headers: { Origin: APP, 'Access-Control-Request-Method': 'delete' },
    kind: 'preflight',
    allowed: false,
    reason: 'method-not-allowed',
    status: 403,
    response: { 'content-length': '0', vary: PREFLIGHT_VARY },
  },
  {
    name: 'preflight with an unlisted header',
    options: listPolicy,
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'x-other',
    },
    kind: 'preflight',
    allowed: false,
    reason: 'header-not-allowed',
    status: 403,
    response: { 'content-length': '0', vary: PREFLIGHT_VARY },
  },
  {
    name: 'preflight from a disallowed origin',
    options: listPolicy,
    method: 'OPTIONS',
    headers: { Origin: EVIL, 'Access-Control-Request-Method': 'PUT' },
    kind: 'preflight',
    allowed: false,
    reason: 'origin-not-allowed',
    status: 403,
    response: { 'content-length': '0', vary: PREFLIGHT_VARY },
  },
  {
    name: 'preflight with an empty ACRM is a malformed method',
    options: listPolicy,
    method: 'OPTIONS',
    headers: { Origin: APP, 'Access-Control-Request-Method': '' },
    kind: 'preflight',
    allowed: false,
    reason: 'method-malformed',
    status: 403,
    response: { 'content-length': '0', vary: PREFLIGHT_VARY },
  },
  {
    name: 'credentialed preflight carries ACAC and names the method',
    options: { ...listPolicy, credentials: true, methods: '*' },
    method: 'OPTIONS',
    headers: { Origin: APP, 'Access-Control-Request-Method': 'PURGE' },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PURGE',
      'access-control-max-age': '600',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: "methods '*' still refuses forbidden methods",
    options: { ...listPolicy, methods: '*' },
    method: 'OPTIONS',
    headers: { Origin: APP, 'Access-Control-Request-Method': 'TRACE' },
    kind: 'preflight',
    allowed: false,
    reason: 'method-not-allowed',
    status: 403,
    response: { 'content-length': '0', vary: PREFLIGHT_VARY },
  },
  {
    name: "allowedHeaders '*' never covers Authorization",
    options: { ...listPolicy, allowedHeaders: '*' },
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    },
    kind: 'preflight',
    allowed: false,
    reason: 'header-not-allowed',
    status: 403,
    response: { 'content-length': '0', vary: PREFLIGHT_VARY },
  },
  {
    name: "allowedHeaders ['*', 'Authorization'] covers Authorization and any other name",
    options: { ...listPolicy, allowedHeaders: ['*', 'Authorization'] },
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization,x-anything',
    },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': APP,
      'access-control-allow-headers': 'authorization,x-anything',
      'access-control-max-age': '600',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: "origins '*': actual GET gets the static '*' and no Vary",
    options: { origins: '*', exposedHeaders: ['X-Request-Id'] },
    method: 'GET',
    headers: { Origin: EVIL },
    kind: 'actual',
    allowed: true,
    status: undefined,
    response: {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'X-Request-Id',
    },
  },
  {
    name: "origins '*': a request without Origin gets the same static headers",
    options: { origins: '*', exposedHeaders: ['X-Request-Id'] },
    method: 'GET',
    headers: {},
    kind: 'non-cors',
    allowed: true,
    status: undefined,
    response: {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'X-Request-Id',
    },
  },
  {
    name: "origins '*': preflight from null answers '*'",
    options: { origins: '*', methods: ['PUT'] },
    method: 'OPTIONS',
    headers: { Origin: 'null', 'Access-Control-Request-Method': 'PUT' },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PUT',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: 'tiered: an unlisted origin reads anonymously with *',
    options: { origins: '*', credentials: [APP], exposedHeaders: ['X-Request-Id'] },
    method: 'GET',
    headers: { Origin: EVIL },
    kind: 'actual',
    allowed: true,
    status: undefined,
    response: {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'X-Request-Id',
      vary: 'Origin',
    },
  },
  {
    name: 'tiered: a listed origin gets credentials and its own origin',
    options: { origins: '*', credentials: [APP], exposedHeaders: ['X-Request-Id'] },
    method: 'GET',
    headers: { Origin: APP },
    kind: 'actual',
    allowed: true,
    status: undefined,
    response: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Request-Id',
      vary: 'Origin',
    },
  },
  {
    name: 'tiered: a request without Origin gets no static ACAO, since the answer varies',
    options: { origins: '*', credentials: [APP] },
    method: 'GET',
    headers: {},
    kind: 'non-cors',
    allowed: true,
    status: undefined,
    response: { vary: 'Origin' },
  },
  {
    name: 'tiered with a pattern tier: a matching subdomain gets credentials',
    options: { origins: '*', credentials: ['https://*.example.com'] },
    method: 'OPTIONS',
    headers: { Origin: 'https://a.b.example.com', 'Access-Control-Request-Method': 'GET' },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': 'https://a.b.example.com',
      'access-control-allow-credentials': 'true',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: 'preflight with preflight.continue: headers set, no status (the app answers)',
    options: { ...listPolicy, preflight: { continue: true } },
    method: 'OPTIONS',
    headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
    kind: 'preflight',
    allowed: true,
    status: undefined,
    response: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'PUT',
      'access-control-max-age': '600',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: 'denied preflight with preflight.continue is handed on without CORS headers',
    options: { ...listPolicy, preflight: { continue: true } },
    method: 'OPTIONS',
    headers: { Origin: EVIL, 'Access-Control-Request-Method': 'PUT' },
    kind: 'preflight',
    allowed: false,
    reason: 'origin-not-allowed',
    status: undefined,
    response: { vary: PREFLIGHT_VARY },
  },
  {
    name: 'preflight with successStatus 200',
    options: { ...listPolicy, preflight: { successStatus: 200 } },
    method: 'OPTIONS',
    headers: { Origin: APP, 'Access-Control-Request-Method': 'DELETE' },
    kind: 'preflight',
    allowed: true,
    status: 200,
    response: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'DELETE',
      'access-control-max-age': '600',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: 'private network preflight with PNA enabled gets ACAPN and Vary on ACRPN',
    options: { ...listPolicy, privateNetwork: true },
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Private-Network': 'true',
    },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': APP,
      'access-control-max-age': '600',
      'access-control-allow-private-network': 'true',
      'content-length': '0',
      vary: `${PREFLIGHT_VARY}, Access-Control-Request-Private-Network`,
    },
  },
  {
    name: 'private network preflight with PNA off: ACRPN ignored, never granted',
    options: listPolicy,
    method: 'OPTIONS',
    headers: {
      Origin: APP,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Private-Network': 'true',
    },
    kind: 'preflight',
    allowed: true,
    status: 204,
    response: {
      'access-control-allow-origin': APP,
      'access-control-max-age': '600',
      'content-length': '0',
      vary: PREFLIGHT_VARY,
    },
  },
  {
    name: 'two Origin lines are not one origin',
    options: listPolicy,
    method: 'GET',
    headers: { Origin: [APP, EVIL] },
    kind: 'actual',
    allowed: false,
    reason: 'origin-malformed',
    status: undefined,
    response: { vary: 'Origin' },
  },
  {
    name: 'an uppercase Origin is denied, never normalized',
    options: listPolicy,
    method: 'GET',
    headers: { Origin: 'https://APP.example.com' },
    kind: 'actual',
    allowed: false,
    reason: 'origin-malformed',
    status: undefined,
    response: { vary: 'Origin' },
  },
  {
    name: 'Origin: null is denied unless opted in',
    options: listPolicy,
    method: 'GET',
    headers: { Origin: 'null' },
    kind: 'actual',
    allowed: false,
    reason: 'origin-not-allowed',
    status: undefined,
    response: { vary: 'Origin' },
  },
  {
    name: 'Origin: null is allowed when listed with dangerouslyAllowNullOrigin',
    options: { origins: ['null'], dangerouslyAllowNullOrigin: true },
    method: 'GET',
    headers: { Origin: 'null' },
    kind: 'actual',
    allowed: true,
    status: undefined,
    response: { 'access-control-allow-origin': 'null', vary: 'Origin' },
  },
  {
    name: 'port pattern allows any port of localhost',
    options: { origins: ['http://localhost:*'] },
    method: 'GET',
    headers: { Origin: 'http://localhost:5173' },
    kind: 'actual',
    allowed: true,
    status: undefined,
    response: { 'access-control-allow-origin': 'http://localhost:5173', vary: 'Origin' },
  },
];

describe('decide', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const decision = createCors(c.options).decide(request(c.method, c.headers));
    expect(decision.kind).toBe(c.kind);
    expect(decision.allowed).toBe(c.allowed);
    expect(decision.reason).toBe(c.reason);
    expect(decision.status).toBe(c.status);
    expect(responseHeaders(decision)).toStrictEqual(c.response);
  });

  it('returns the same decision object for every request without Origin (no allocation)', () => {
    const cors = createCors(listPolicy);
    expect(cors.decide(request('GET'))).toBe(cors.decide(request('POST')));
  });

  it('returns one precomputed decision per listed origin for actual requests', () => {
    const cors = createCors(listPolicy);
    const first = cors.decide(request('GET', { Origin: APP }));
    expect(cors.decide(request('PUT', { Origin: APP }))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.headers)).toBe(true);
  });

  it('reports the raw offending value of a denial', () => {
    const cors = createCors(listPolicy);
    const decision = cors.decide(
      request('OPTIONS', {
        Origin: APP,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type,X-Secret',
      }),
    );
    expect(decision.allowed).toBe(false);
    expect(decision.value).toBe('X-Secret');
  });

  it.each([
    [64, true],
    [65, false],
    [12_000, false],
  ])(
    "under methods: '*', a %i-byte Access-Control-Request-Method is allowed: %s",
    (length, allowed) => {
      const method = 'A'.repeat(length);
      const decision = createCors({ origins: [APP], methods: '*' }).decide(
        request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': method }),
      );
      expect(decision.allowed).toBe(allowed);
      expect(decision.headers.some(([name]) => name === 'access-control-allow-methods')).toBe(
        allowed,
      );
      if (!allowed)
        expect([decision.reason, decision.status]).toStrictEqual(['method-over-limit', 403]);
    },
  );

  it('lets a listed method longer than the bound through', () => {
    const method = 'X'.repeat(70);
    const decision = createCors({ origins: [APP], methods: [method] }).decide(
      request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': method }),
    );
    expect(decision.allowed).toBe(true);
  });

  it('reads only the four CORS request headers, in lowercase', () => {
    const asked: string[] = [];
    const cors = createCors({ ...listPolicy, privateNetwork: true });
    cors.decide({
      method: 'OPTIONS',
      header: (name) => {
        asked.push(name);
        return name === 'origin'
          ? APP
          : name === 'access-control-request-method'
            ? 'PUT'
            : 'x-custom-header';
      },
    });
    expect(asked.sort()).toStrictEqual([
      'access-control-request-headers',
      'access-control-request-method',
      'access-control-request-private-network',
      'origin',
    ]);
  });
});
