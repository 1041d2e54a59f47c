import { APP, EVIL } from '@corsica/cors-testkit';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { cors } from '../src/index.ts';

/**
 * The middleware as a Fetch runtime (Bun, Deno, workerd) runs it: a `Request` in, a `Response`
 * out, and no Node response in `env`. The runtimes themselves run the testkit over real sockets
 * (the repository's `runtimes/` package); these run in this process, so mutation testing sees the
 * same paths.
 */
const get = (path: string, origin: string) =>
  new Request(`http://localhost${path}`, { headers: { Origin: origin } });

const corsOf = (response: Response) => ({
  status: response.status,
  allowOrigin: response.headers.get('access-control-allow-origin'),
  vary: response.headers.get('vary'),
});

describe('the Hono middleware without @hono/node-server', () => {
  it("writes the decision into the handler's Response, after the handler's own Vary", async () => {
    const app = new Hono();
    app.use('*', cors({ origins: [APP] }));
    app.get('/items', (c) => {
      c.header('Vary', 'Accept');
      return c.text('items');
    });
    expect(corsOf(await app.fetch(get('/items', APP)))).toStrictEqual({
      status: 200,
      allowOrigin: APP,
      vary: 'Accept, Origin',
    });
  });

  it('writes it into a Response the handler built itself', async () => {
    const app = new Hono();
    app.use('*', cors({ origins: [APP] }));
    app.get('/items', () => new Response('items', { headers: { Vary: 'Accept' } }));
    expect(corsOf(await app.fetch(get('/items', APP)))).toStrictEqual({
      status: 200,
      allowOrigin: APP,
      vary: 'Accept, Origin',
    });
  });

  it('keeps the decision on the 500 of a handler that throws something not an Error', async () => {
    // Hono's default error handler prints what reaches it.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = new Hono();
    app.use('*', cors({ origins: [APP] }));
    app.get('/items', () => {
      throw 'boom';
    });
    expect(corsOf(await app.fetch(get('/items', APP)))).toStrictEqual({
      status: 500,
      allowOrigin: APP,
      vary: 'Origin',
    });
    expect(printed).toHaveBeenCalledTimes(1);
    printed.mockRestore();
  });

  it("hands an Error to the app's error handler as it was thrown", async () => {
    const app = new Hono();
    const seen: unknown[] = [];
    app.use('*', cors({ origins: [APP] }));
    app.get('/items', () => {
      throw new RangeError('out of range');
    });
    app.onError((error, c) => {
      seen.push(error);
      return c.text('failed', 503);
    });
    expect(corsOf(await app.fetch(get('/items', APP)))).toStrictEqual({
      status: 503,
      allowOrigin: APP,
      vary: 'Origin',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(RangeError);
  });

  it("hands the app's error handler an Error that carries what was thrown, when it is not an Error", async () => {
    const app = new Hono();
    const seen: unknown[] = [];
    app.use('*', cors({ origins: [APP] }));
    app.get('/items', () => {
      throw 'boom';
    });
    app.onError((error, c) => {
      seen.push(error);
      return c.text('failed', 503);
    });
    expect(corsOf(await app.fetch(get('/items', APP)))).toStrictEqual({
      status: 503,
      allowOrigin: APP,
      vary: 'Origin',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Error);
    expect((seen[0] as Error).message).toBe('non-error thrown: boom');
    expect((seen[0] as Error).cause).toBe('boom');
  });

  it('stays out of the way on a path a route disables: a thrown non-Error reaches Hono as without it', async () => {
    const outcome = async (installed: boolean): Promise<unknown> => {
      const app = new Hono();
      if (installed)
        app.use('*', cors({ origins: [APP], routes: [{ path: '/legacy', disabled: true }] }));
      app.get('/legacy', () => {
        throw 'boom';
      });
      try {
        return (await app.fetch(get('/legacy', APP))).status;
      } catch (thrown) {
        return thrown;
      }
    };
    expect(await outcome(false)).toBe('boom');
    expect(await outcome(true)).toBe('boom');
  });

  it('passes on, as it is, an Error that an error handler throws again', async () => {
    const app = new Hono();
    const seen: unknown[] = [];
    const thrown = new TypeError('bad input');
    app.use('*', cors({ origins: [APP] }));
    app.get('/items', () => {
      throw thrown;
    });
    app.onError((error, c) => {
      seen.push(error);
      if (seen.length === 1) throw error; // the first time: as a middleware rethrowing it would
      return c.text('failed', 503);
    });
    expect(corsOf(await app.fetch(get('/items', APP)))).toStrictEqual({
      status: 503,
      allowOrigin: APP,
      vary: 'Origin',
    });
    expect(seen).toStrictEqual([thrown, thrown]);
  });

  it('writes into the Response when env holds an `outgoing` that is no Node response (a binding)', async () => {
    const app = new Hono<{ Bindings: { outgoing: { kind: string } } }>();
    app.use('*', cors({ origins: [APP] }));
    app.get('/items', (c) => c.text(c.env.outgoing.kind));
    const response = await app.fetch(get('/items', APP), { outgoing: { kind: 'queue' } });
    expect(corsOf(response)).toStrictEqual({ status: 200, allowOrigin: APP, vary: 'Origin' });
    expect(await response.text()).toBe('queue');
  });

  it('compares paths case-sensitively, as Hono routes them', async () => {
    const app = new Hono();
    const reasons: (string | undefined)[] = [];
    const onDecision = (decision: { reason: string | undefined }) =>
      void reasons.push(decision.reason);
    app.use('*', cors({ origins: [APP], routes: [{ path: '/docs', origins: '*' }], onDecision }));
    app.get('/docs', (c) => c.text('docs'));
    const [docs, upper] = [
      corsOf(await app.fetch(get('/docs', EVIL))),
      corsOf(await app.fetch(get('/DOCS', EVIL))),
    ];
    expect([docs, upper]).toStrictEqual([
      { status: 200, allowOrigin: '*', vary: null },
      { status: 404, allowOrigin: null, vary: 'Origin' },
    ]);
    // /DOCS is another path, without doubt: the top level's denial, not a path-ambiguous one.
    expect(reasons).toStrictEqual([undefined, 'origin-not-allowed']);
  });
});
