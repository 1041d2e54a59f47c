import { APP, devLogLines, preflight } from '@corsica/cors-testkit';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cors } from '../src/hono.ts';
import { withCors } from '../src/index.ts';
import { listenFetch } from './listen.ts';

const EXPECTED =
  'CORS preflight from "https://app.example.com" to "OPTIONS /api/items": Preflight denied: request header "content-type" is not allowed (the policy allows no request headers beyond the safelisted ones). Add "content-type" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.';

describe('the development log', () => {
  afterEach(() => vi.restoreAllMocks());

  async function run(
    environment: 'development' | 'production',
    entry: 'withCors' | 'hono' = 'withCors',
  ): Promise<readonly string[]> {
    vi.restoreAllMocks();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    return devLogLines(
      environment,
      async () => {
        const policy = { origins: [APP], methods: ['PUT'] };
        if (entry === 'withCors') return listenFetch(withCors(policy, () => new Response('ok')));
        const app = new Hono();
        app.use('*', cors(policy));
        return listenFetch(app.fetch);
      },
      () => warn.mock.calls.map(([line]) => String(line)),
      preflight(APP, 'PUT', '/api/items', { 'Access-Control-Request-Headers': 'content-type' }),
    );
  }

  it('writes one line naming the reason and the fix for a denied preflight, in development', async () => {
    expect(await run('development')).toStrictEqual([EXPECTED]);
  });

  it('writes nothing in production', async () => {
    expect(await run('production')).toStrictEqual([]);
  });

  it('is the same through the Hono middleware', async () => {
    expect(await run('development', 'hono')).toStrictEqual([EXPECTED]);
    expect(await run('production', 'hono')).toStrictEqual([]);
  });
});

describe('the development log where the runtime says little of its environment', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Lines logged for a refused preflight by a withCors built while `process` was `runtime`. */
  async function linesBuiltUnder(runtime: unknown): Promise<readonly string[]> {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const real = Object.getOwnPropertyDescriptor(globalThis, 'process');
    if (real === undefined) throw new Error('this test runs on Node');
    // Only while withCors is built: the log reads its environment then, once.
    Object.defineProperty(globalThis, 'process', { configurable: true, value: runtime });
    let handler: (request: Request) => Promise<Response>;
    try {
      handler = withCors({ origins: [APP], methods: ['PUT'] }, () => new Response('ok'));
    } finally {
      Object.defineProperty(globalThis, 'process', real);
    }
    const response = await handler(
      new Request('http://localhost/api/items', {
        method: 'OPTIONS',
        headers: { Origin: APP, 'Access-Control-Request-Method': 'DELETE' },
      }),
    );
    expect(response.status).toBe(403);
    // A line is written once its explanation has loaded (a dynamic import): wait up to 2 s for it.
    for (let waited = 0; warn.mock.calls.length === 0 && waited < 2000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    return warn.mock.calls.map(([line]) => String(line));
  }

  it('is quiet on a runtime with no process at all (Workers): it cannot tell development apart', async () => {
    expect(await linesBuiltUnder(undefined)).toStrictEqual([]);
  });

  it('writes on a runtime whose process has no env: NODE_ENV is not production there', async () => {
    expect(await linesBuiltUnder({})).toStrictEqual([
      'CORS preflight from "https://app.example.com" to "OPTIONS /api/items": Preflight denied: method "DELETE" is not allowed (the policy allows PUT and the safelisted GET, HEAD and POST). Add "DELETE" to methods. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    ]);
  });
});
