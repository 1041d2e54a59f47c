import { describe, expect, it, vi } from 'vitest';
import type { CorsDecision, CorsLogRecord, CorsRequest } from './index.ts';
import { CorsConfigError, createCors, explainConfigError } from './index.ts';
import { request } from './test-support/requests.ts';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

function preflight(origin: string, method: string, headers?: string): CorsRequest {
  return request(
    'OPTIONS',
    {
      Origin: origin,
      'Access-Control-Request-Method': method,
      ...(headers === undefined ? {} : { 'Access-Control-Request-Headers': headers }),
    },
    '/api/items',
  );
}

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
