import { describe, expect, it, vi } from 'vitest';
import type { CorsDecision, CorsLogRecord, CorsRequest } from './index.ts';
import { CorsConfigError, createCors, explainConfigError } from './index.ts';
import { preflight, request } from './test-support/requests.ts';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

/**
 * Lets the lazily loaded explanations settle: once the chunk has loaded (not after some time, which
 * a loaded machine or a mutation run can exceed), the lines waiting for it are written on the next
 * turn.
 */
const settled = async (): Promise<void> => {
  await import('./messages/explain.ts');
  await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('the decision hook', () => {
  it('is called with every decision and its request, once an async predicate settles', async () => {
    const seen: [CorsDecision, CorsRequest][] = [];
    const cors = createCors({
      origins: async (origin) => origin === APP,
      onDecision: (decision, req) => seen.push([decision, req as CorsRequest]),
    });
    const req = request('GET', { Origin: APP }, '/');
    const decision = await cors.decide(req);
    expect(seen).toStrictEqual([[decision, req]]);
  });

  it('sends what a hook throws, or a promise it returns rejects with, to onError; the decision stands', async () => {
    const onError = vi.fn();
    const cors = createCors({ origins: [APP], onError });
    cors.onDecision(() => {
      throw new Error('metrics down');
    });
    expect(cors.decide(request('GET', { Origin: APP }, '/')).allowed).toBe(true);
    cors.onDecision(() => Promise.reject(new Error('async metrics down')) as never);
    cors.decide(request('GET', { Origin: APP }, '/'));
    await settled();
    expect(onError.mock.calls.map(([error]) => (error as Error).message)).toStrictEqual([
      'metrics down',
      'async metrics down',
    ]);
  });

  it('may return anything: only a promise is awaited, and nothing else reaches onError', async () => {
    const onError = vi.fn();
    const cors = createCors({ origins: [APP], onError });
    for (const returned of [undefined, null, 0, 'counted', {}, new Map()]) {
      cors.onDecision(() => returned as never);
      expect(cors.decide(request('GET', { Origin: APP }, '/')).allowed).toBe(true);
    }
    await settled();
    expect(onError).not.toHaveBeenCalled();
  });

  it('can be set and cleared on the handle', () => {
    const hook = vi.fn();
    const cors = createCors({ origins: [APP] });
    cors.onDecision(hook);
    cors.decide(request('GET', { Origin: APP }, '/'));
    cors.onDecision(undefined);
    cors.decide(request('GET', { Origin: APP }, '/'));
    expect(hook).toHaveBeenCalledTimes(1);
  });
});

describe('log records', () => {
  it('have a stable shape with low-cardinality labels', () => {
    const cors = createCors({
      origins: [APP, 'https://*.example.com'],
      methods: ['PUT'],
      routes: [{ path: '/admin/*', origins: [APP] }],
    });
    const req = preflight('https://shop.example.com', 'DELETE', 'x-a\r\nx-b');
    const record = cors.toLogRecord(cors.decide(req), req);
    expect(record).toStrictEqual({
      schemaVersion: 1,
      kind: 'preflight',
      allowed: false,
      reason: 'method-not-allowed',
      origin: 'https://shop.example.com',
      method: 'OPTIONS',
      requestedMethod: 'DELETE',
      path: '/api/items',
      requestedHeaders: 'x-a\\r\\nx-b',
      route: '',
      revision: 1,
      labels: {
        kind: 'preflight',
        allowed: 'false',
        reason: 'method-not-allowed',
        origin: 'other',
        route: '',
      },
    } satisfies CorsLogRecord);
    const admin = request('GET', { Origin: APP }, '/admin/users?id=1');
    expect(cors.toLogRecord(cors.decide(admin), admin)).toMatchObject({
      path: '/admin/users',
      route: '/admin/*',
      labels: { origin: APP, route: '/admin/*', reason: 'none', allowed: 'true' },
    });
  });

  it('hold what the request says when it is given, and null for what it does not say', () => {
    const cors = createCors({ origins: [APP], methods: ['PUT'], allowedHeaders: ['X-A', 'X-B'] });
    const allowed = preflight(APP, 'PUT');
    expect(cors.toLogRecord(cors.decide(allowed))).toMatchObject({
      kind: 'preflight',
      origin: APP,
      method: null,
      requestedMethod: null,
      path: null,
      requestedHeaders: null,
    });
    expect(cors.toLogRecord(cors.decide(allowed), allowed)).toMatchObject({
      method: 'OPTIONS',
      requestedMethod: 'PUT',
      path: '/api/items',
      requestedHeaders: null,
    });
    const pathless = request('GET', { Origin: APP });
    expect(cors.toLogRecord(cors.decide(pathless), pathless)).toMatchObject({
      method: 'GET',
      path: null,
    });
  });

  it('give the requested method and headers of preflights only, several header lines joined', () => {
    const cors = createCors({ origins: [APP], methods: ['PUT'], allowedHeaders: ['X-A', 'X-B'] });
    const actual = request(
      'GET',
      {
        Origin: APP,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x-a',
      },
      '/',
    );
    expect(cors.toLogRecord(cors.decide(actual), actual)).toMatchObject({
      kind: 'actual',
      requestedMethod: null,
      requestedHeaders: null,
    });
    const lines = request(
      'OPTIONS',
      {
        Origin: APP,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': ['x-a', 'x-b'],
      },
      '/',
    );
    expect(cors.toLogRecord(cors.decide(lines), lines)).toMatchObject({
      kind: 'preflight',
      requestedMethod: 'PUT',
      requestedHeaders: 'x-a, x-b',
    });
    // Fetch's Headers.get() answers null for an absent header.
    const fetchLike: CorsRequest = {
      method: 'OPTIONS',
      header: (name) =>
        name === 'origin' ? APP : name === 'access-control-request-method' ? 'PUT' : null,
    };
    expect(cors.toLogRecord(cors.decide(fetchLike), fetchLike)).toMatchObject({
      kind: 'preflight',
      requestedMethod: 'PUT',
      requestedHeaders: null,
    });
  });

  it('label an origin by name when the policy lists it, as an origin or a credentialed one', () => {
    const cors = createCors({
      origins: ['https://*.example.com'],
      credentials: [APP],
    });
    const label = (origin: string): string => {
      const req = request('GET', { Origin: origin }, '/');
      return cors.toLogRecord(cors.decide(req), req).labels.origin;
    };
    expect([label(APP), label('https://shop.example.com'), label(EVIL)]).toStrictEqual([
      APP,
      'other',
      'other',
    ]);
  });

  it('label the origin "other" where no policy applies (a disabled route, a path no route covers)', () => {
    const cors = createCors({
      routes: [
        { path: '/api/*', origins: [APP] },
        { path: '/health', disabled: true },
      ],
    });
    for (const path of ['/health', '/elsewhere']) {
      const req = request('GET', { Origin: APP }, path);
      expect(cors.toLogRecord(cors.decide(req), req).labels.origin).toBe('other');
    }
  });

  it('come without calling a hook that was never set', () => {
    const onError = vi.fn();
    const records: CorsLogRecord[] = [];
    const cors = createCors({ origins: [APP], onError, log: (record) => records.push(record) });
    cors.decide(request('GET', { Origin: APP }, '/'));
    expect(records).toHaveLength(1);
    expect(onError).not.toHaveBeenCalled();
  });

  it('go to a log function for every decision, whatever the environment', () => {
    const records: CorsLogRecord[] = [];
    const cors = createCors({ origins: [APP], log: (record) => records.push(record) });
    cors.useLog({ write: () => {}, production: true });
    cors.decide(request('GET', { Origin: EVIL }, '/'));
    cors.decide(request('GET', {}, '/'));
    expect(records.map((record) => [record.kind, record.labels.origin])).toStrictEqual([
      ['actual', 'other'],
      ['non-cors', 'none'],
    ]);
  });
});

describe('the development log', () => {
  function logged(options: Parameters<typeof createCors>[0], production = false) {
    const lines: string[] = [];
    const cors = createCors(options);
    cors.useLog({ write: (line) => lines.push(line), production });
    return { cors, lines };
  }

  it('writes one line per denial, naming the reason and the fix', async () => {
    const { cors, lines } = logged({ origins: [APP], methods: ['PUT'] });
    cors.decide(preflight(APP, 'PUT', 'content-type'));
    await settled();
    expect(lines).toStrictEqual([
      'CORS preflight from "https://app.example.com" to "OPTIONS /api/items": Preflight denied: request header "content-type" is not allowed (the policy allows no request headers beyond the safelisted ones). Add "content-type" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    ]);
  });

  it('writes a denial once per reason, origin and route, and never an allowed request', async () => {
    const { cors, lines } = logged({ origins: [APP] });
    for (let i = 0; i < 5; i++) cors.decide(request('GET', { Origin: EVIL }, '/'));
    cors.decide(request('GET', { Origin: APP }, '/'));
    await settled();
    expect(lines).toHaveLength(1);
  });

  it('writes each reason apart, even for the same origin and route', async () => {
    const { cors, lines } = logged({ origins: [APP], methods: ['PUT'] });
    cors.decide(preflight(APP, 'DELETE'));
    cors.decide(preflight(APP, 'PUT', 'x-a'));
    await settled();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Preflight denied: method "DELETE" is not allowed');
    expect(lines[1]).toContain('Preflight denied: request header "x-a" is not allowed');
  });

  it('names no target when the request has no path', async () => {
    const { cors, lines } = logged({ origins: [APP] });
    cors.decide(request('GET', { Origin: EVIL }));
    await settled();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^CORS request from "https:\/\/evil\.example\.net": /);
  });

  it('writes nothing for paths left to the application (a disabled route, a path no route covers)', async () => {
    const { cors, lines } = logged({
      routes: [
        { path: '/api/*', origins: [APP] },
        { path: '/health', disabled: true },
      ],
      log: 'all',
    });
    const health = cors.decide(request('GET', { Origin: EVIL }, '/health'));
    const elsewhere = cors.decide(request('GET', { Origin: EVIL }, '/elsewhere'));
    await settled();
    expect([health, elsewhere].map((decision) => (decision as CorsDecision).reason)).toStrictEqual([
      'cors-disabled',
      'path-not-covered',
    ]);
    expect(lines).toStrictEqual([]);
  });

  it('past the bound, counts denials and says so once per 10,000 of them', async () => {
    const { cors, lines } = logged({ origins: [APP] });
    for (let i = 0; i < 256 + 10_001; i++)
      cors.decide(request('GET', { Origin: `https://x${i}.evil` }, '/'));
    await settled();
    expect(lines.filter((line) => line.startsWith('CORS: '))).toStrictEqual([
      'CORS: 256 distinct decisions were logged; 1 more since are counted, not logged, so that random origins cannot flood the log.',
      'CORS: 256 distinct decisions were logged; 10001 more since are counted, not logged, so that random origins cannot flood the log.',
    ]);
    expect(lines).toHaveLength(258);
  });

  it('is bounded: random origins cannot grow memory or flood the log', async () => {
    const { cors, lines } = logged({ origins: [APP] });
    for (let i = 0; i < 1000; i++)
      cors.decide(request('GET', { Origin: `https://x${i}.evil` }, '/'));
    await settled();
    expect(lines).toHaveLength(257);
    expect(lines.filter((line) => line.startsWith('CORS: 256 distinct decisions'))).toHaveLength(1);
  });

  it('writes nothing in production, unless log asks', async () => {
    const quiet = logged({ origins: [APP] }, true);
    quiet.cors.decide(request('GET', { Origin: EVIL }, '/'));
    const loud = logged({ origins: [APP], log: 'all' }, true);
    loud.cors.decide(request('GET', { Origin: APP }, '/'));
    await settled();
    expect([quiet.lines.length, loud.lines.length]).toStrictEqual([0, 1]);
  });

  it('writes nothing without a sink, and log: false silences it', async () => {
    const off = logged({ origins: [APP], log: false });
    off.cors.decide(request('GET', { Origin: EVIL }, '/'));
    await settled();
    expect(off.lines).toStrictEqual([]);
  });
});

describe('debug mode', () => {
  const options = {
    origins: [APP],
    credentials: true,
    methods: ['PUT'],
    allowedHeaders: ['X-A'],
    maxAge: 600,
  };

  it('answers a preflight refused for a header with the allowed part of what was asked', () => {
    const cors = createCors({ ...options, debug: true });
    const decision = cors.decide(preflight(APP, 'PUT', 'x-a,x-b'));
    expect(decision).toMatchObject({ allowed: false, reason: 'header-not-allowed', status: 204 });
    expect(decision.headers).toStrictEqual([
      ['access-control-allow-origin', APP],
      ['access-control-allow-credentials', 'true'],
      ['access-control-allow-methods', 'PUT'],
      ['access-control-allow-headers', 'x-a'],
    ]);
  });

  it('names no method that was not allowed, and never the policy lists or Max-Age', () => {
    const cors = createCors(options);
    cors.setDebug(true);
    const decision = cors.decide(preflight(APP, 'DELETE', 'x-a'));
    expect(decision.headers).toStrictEqual([
      ['access-control-allow-origin', APP],
      ['access-control-allow-credentials', 'true'],
      ['access-control-allow-headers', 'x-a'],
    ]);
  });

  it('keeps the 403 for a disallowed origin, and is off by default', () => {
    const debug = createCors({ ...options, debug: true });
    expect(debug.decide(preflight(EVIL, 'PUT'))).toMatchObject({ status: 403, headers: [] });
    const normal = createCors(options);
    expect(normal.decide(preflight(APP, 'PUT', 'x-b'))).toMatchObject({ status: 403, headers: [] });
  });
});

describe('explainConfigError', () => {
  it('gives each problem its message and why Corsica refuses it', async () => {
    let error: unknown;
    try {
      createCors({ origins: '*', credentials: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CorsConfigError);
    const explained = await explainConfigError(error as CorsConfigError);
    expect(explained).toContain('origins [origin-wildcard-with-credentials]');
    expect(explained).toContain('Why: Browsers refuse Access-Control-Allow-Origin: *');
  });
});
