import { APP, devLogLines, preflight } from '@corsica/cors-testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withCors } from '../src/index.ts';
import { listenFetch } from './listen.ts';

const EXPECTED =
  'CORS preflight from "https://app.example.com" to "OPTIONS /api/items": Preflight denied: request header "content-type" is not allowed (the policy allows no request headers beyond the safelisted ones). Add "content-type" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.';

describe('the development log', () => {
  afterEach(() => vi.restoreAllMocks());

  async function run(environment: 'development' | 'production'): Promise<readonly string[]> {
    vi.restoreAllMocks();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    return devLogLines(
      environment,
      async () => {
        const policy = { origins: [APP], methods: ['PUT'] };
        return listenFetch(withCors(policy, () => new Response('ok')));
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
});
