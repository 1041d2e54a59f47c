import { APP, devLogLines, preflight } from '@corsica/cors-testkit';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cors } from '../src/index.ts';
import { listenFetch } from './listen.ts';

const EXPECTED =
  'CORS preflight from "https://app.example.com" to "OPTIONS /api/items": Preflight denied: request header "content-type" is not allowed (the policy allows no request headers beyond the safelisted ones). Add "content-type" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.';

/** Hono has no logger of its own: the log is the core's `consoleLog()`, on `console.warn`. */
describe('the development log', () => {
  afterEach(() => vi.restoreAllMocks());

  async function run(environment: 'development' | 'production'): Promise<readonly string[]> {
    vi.restoreAllMocks();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    return devLogLines(
      environment,
      async () => {
        const app = new Hono();
        app.use('*', cors({ origins: [APP], methods: ['PUT'] }));
        return listenFetch(app.fetch);
      },
      () => warn.mock.calls.map(([line]) => String(line)),
      preflight(APP, 'PUT', '/api/items', { 'Access-Control-Request-Headers': 'content-type' }),
    );
  }

  it('writes one line naming the reason and the fix for a denied preflight in development, none in production', async () => {
    expect(await run('development')).toStrictEqual([EXPECTED]);
    expect(await run('production')).toStrictEqual([]);
  });
});
