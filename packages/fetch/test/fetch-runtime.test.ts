import { APP, EVIL } from '@corsica/cors-testkit';
import { describe, expect, it } from 'vitest';
import { withCors } from '../src/index.ts';

/**
 * `withCors` as a Fetch runtime (Bun, Deno, workerd) runs it: a `Request` in, a `Response` out,
 * and no Node request in `env`. The runtimes themselves run the testkit over real sockets (the
 * repository's `runtimes/` package); these run in this process, so mutation testing sees the same
 * paths.
 */
const get = (path: string, origin: string) =>
  new Request(`http://localhost${path}`, { headers: { Origin: origin } });

const corsOf = (response: Response) => ({
  status: response.status,
  allowOrigin: response.headers.get('access-control-allow-origin'),
  vary: response.headers.get('vary'),
});

describe('withCors without a Node request in env', () => {
  it("gives per-path policies the request URL's path", async () => {
    const handler = withCors(
      { origins: [APP], routes: [{ path: '/docs', origins: '*' }] },
      () => new Response('ok'),
    );
    const [docs, other] = [
      corsOf(await handler(get('/docs?page=2', EVIL))),
      corsOf(await handler(get('/items', EVIL))),
    ];
    expect([docs, other]).toStrictEqual([
      { status: 200, allowOrigin: '*', vary: null },
      { status: 200, allowOrigin: null, vary: 'Origin' },
    ]);
  });
});
