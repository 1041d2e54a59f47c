import * as core from '@corsica/cors-core';
import type { TestServer } from '@corsica/cors-testkit';
import {
  APP,
  EVIL,
  exchange,
  fromOrigin,
  listen,
  PREFLIGHT_VARY,
  send,
} from '@corsica/cors-testkit';
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import corsByDefault, { CorsConfigError, cors, createCors } from '../src/index.ts';
import { headerRecord } from './header-record.ts';
import { listenFetch } from './listen.ts';

const policy = { origins: [APP], credentials: true, exposedHeaders: ['X-Request-Id'] };
const allowed = {
  'access-control-allow-origin': APP,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'X-Request-Id',
};

/** An app whose outermost middleware records the response Hono ends up sending. */
function recordingApp(middleware: MiddlewareHandler): {
  app: Hono;
  sent: () => Response | undefined;
} {
  let sent: Response | undefined;
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    sent = c.res;
  });
  app.use('*', middleware);
  return { app, sent: () => sent };
}

function corsHeaders(response: Response): Record<string, string> {
  const all = headerRecord(response.headers);
  return Object.fromEntries(
    Object.entries(all).filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );
}

const fromApp = { headers: { Origin: APP } };

describe('the fast path: responses the context builds', () => {
  it('are sent as the handler returned them, with the exact CORS headers', async () => {
    let returned: Response | undefined;
    const { app, sent } = recordingApp(cors(policy));
    app.get('/items', (c) => {
      returned = c.json({ id: 1 });
      return returned;
    });
    const response = await app.request('/items', fromApp);
    expect(sent()).toBe(returned);
    expect(await response.json()).toStrictEqual({ id: 1 });
    expect(corsHeaders(response)).toStrictEqual({ ...allowed, vary: 'Origin' });
  });

  it("keep the app's Vary, with Origin appended to it", async () => {
    let returned: Response | undefined;
    const { app, sent } = recordingApp(cors(policy));
    app.get('/items', (c) => {
      c.header('Vary', 'Accept-Encoding', { append: true });
      returned = c.text('ok');
      return returned;
    });
    const response = await app.request('/items', fromApp);
    expect(sent()).toBe(returned);
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Origin');
  });

  describe('on @hono/node-server', () => {
    /**
     * @hono/node-server's lightweight Response keeps status, body and headers under a `cache`
     * symbol, and writes them straight to the socket, until something forces a native Response.
     */
    const onCachedPath = (response: Response | undefined): boolean =>
      response !== undefined &&
      Object.getOwnPropertySymbols(response).some((symbol) => symbol.description === 'cache');

    async function serveOnce(
      middleware: MiddlewareHandler,
    ): Promise<{ response: Response | undefined; headers: Record<string, readonly string[]> }> {
      const { app, sent } = recordingApp(middleware);
      app.get('/items', (c) => c.text('ok'));
      const [response] = await exchange(
        () => listenFetch(app.fetch),
        fromOrigin(APP, 'GET', '/items'),
      );
      return { response: sent(), headers: response?.headers ?? {} };
    }

    it('stay on its cached write path, with the exact CORS headers on the wire', async () => {
      const { response, headers } = await serveOnce(cors(policy));
      expect(onCachedPath(response)).toBe(true);
      expect(headers).toMatchObject({
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['X-Request-Id'],
        vary: ['Origin'],
      });
      // The decision went into the Node response's head: the Response is as the handler built it.
      expect(corsHeaders(response as Response)).toStrictEqual({});
    });

    it('(where hono/cors, which touches c.res, leaves it: what this check catches)', async () => {
      const { response } = await serveOnce(honoCors({ origin: APP, credentials: true }));
      expect(onCachedPath(response)).toBe(false);
    });
  });
});

describe('the patched path', () => {
  it('adds the CORS headers to a Response the handler built, in place', async () => {
    const own = new Response('own', { headers: { vary: 'Accept-Encoding', 'x-request-id': '7' } });
    const { app, sent } = recordingApp(cors(policy));
    app.get('/items', () => own);
    const response = await app.request('/items', fromApp);
    expect(sent()).toBe(own);
    expect(await response.text()).toBe('own');
    expect(response.headers.get('x-request-id')).toBe('7');
    expect(corsHeaders(response)).toStrictEqual({ ...allowed, vary: 'Accept-Encoding, Origin' });
  });

  it('appends Origin when the handler replaced Vary through the context', async () => {
    const { app } = recordingApp(cors(policy));
    app.get('/items', (c) => {
      c.header('Vary', 'Accept-Encoding');
      return c.text('ok');
    });
    const response = await app.request('/items', fromApp);
    expect(corsHeaders(response)).toStrictEqual({ ...allowed, vary: 'Accept-Encoding, Origin' });
  });

  it('adds the CORS headers to the responses of a custom error and not-found handler', async () => {
    const { app } = recordingApp(cors(policy));
    app.get('/throw', () => {
      throw new Error('handler failure');
    });
    app.onError(() => new Response('failed', { status: 500 }));
    app.notFound(() => new Response('nothing here', { status: 404 }));
    const failed = await app.request('/throw', fromApp);
    const missing = await app.request('/missing', fromApp);
    expect(failed.status).toBe(500);
    expect(corsHeaders(failed)).toStrictEqual({ ...allowed, vary: 'Origin' });
    expect(missing.status).toBe(404);
    expect(corsHeaders(missing)).toStrictEqual({ ...allowed, vary: 'Origin' });
  });

  describe('with immutable headers', () => {
    let upstream: TestServer;
    beforeAll(async () => {
      upstream = await listen((_request, response) => {
        response.writeHead(201, { 'x-upstream': 'yes' });
        response.end('created upstream');
      });
    });
    afterAll(() => upstream.close());

    it('replaces a proxied fetch() response with a copy that carries them', async () => {
      const { app, sent } = recordingApp(cors(policy));
      let proxied: Response | undefined;
      app.post('/items', async () => {
        proxied = await fetch(`${upstream.url}/`);
        return proxied;
      });
      const response = await app.request('/items', { method: 'POST', headers: { Origin: APP } });
      expect(sent()).not.toBe(proxied);
      expect(response.status).toBe(201);
      expect(response.headers.get('x-upstream')).toBe('yes');
      expect(corsHeaders(response)).toStrictEqual({ ...allowed, vary: 'Origin' });
      expect(await response.text()).toBe('created upstream');
    });
  });
});

describe('policies', () => {
  it("is the default export too, beside the core's createCors and CorsConfigError", () => {
    expect(corsByDefault).toBe(cors);
    expect([createCors, CorsConfigError]).toStrictEqual([core.createCors, core.CorsConfigError]);
  });

  it('takes a policy compiled with createCors', async () => {
    const app = new Hono();
    app.use('*', cors(createCors(policy)));
    app.get('/items', (c) => c.text('ok'));
    const response = await app.request('/items', fromApp);
    expect(corsHeaders(response)).toStrictEqual({ ...allowed, vary: 'Origin' });
  });

  it('waits for an asynchronous origin predicate', async () => {
    const app = new Hono();
    app.use('*', cors({ origins: async (origin: string) => origin === APP }));
    app.get('/items', (c) => c.text('ok'));
    const yes = await app.request('/items', fromApp);
    const no = await app.request('/items', { headers: { Origin: EVIL } });
    expect(corsHeaders(yes)).toStrictEqual({ 'access-control-allow-origin': APP, vary: 'Origin' });
    expect(corsHeaders(no)).toStrictEqual({ vary: 'Origin' });
  });

  it('refuses an invalid policy when the middleware is built', () => {
    expect(() => cors({ origins: '*', credentials: true })).toThrow(CorsConfigError);
  });

  it('answers a preflight before any route, with no body', async () => {
    const app = new Hono();
    app.use('*', cors({ ...policy, methods: ['PUT'] }));
    const response = await app.request('/nowhere', {
      method: 'OPTIONS',
      headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(corsHeaders(response)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      vary: PREFLIGHT_VARY.join(', '),
    });
  });
});

describe('the path per-path policies see', () => {
  const perPath = { origins: '*' as const, routes: [{ path: '/api/admin/*', origins: [APP] }] };
  let server: TestServer;
  beforeAll(async () => {
    const app = new Hono();
    app.use('*', cors(perPath));
    app.get('/api/admin/*', (c) => c.text(`admin: ${c.req.path}`));
    app.get('/api/*', (c) => c.text(`api: ${c.req.path}`));
    server = await listenFetch(app.fetch);
  });
  afterAll(() => server.close());

  it('is the one Hono routes on, percent-decoded: an escaped letter does not leave the admin route', async () => {
    const response = await send(server.url, fromOrigin(EVIL, 'GET', '/api/%61dmin/users'));
    expect(response.body).toBe('admin: /api/admin/users');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['vary']).toStrictEqual(['Origin']);
  });

  it('is the target as sent when @hono/node-server resolved dot segments out of the URL', async () => {
    const direct = await send(server.url, fromOrigin(EVIL, 'GET', '/api/users'));
    const dotted = await send(server.url, fromOrigin(EVIL, 'GET', '/api/admin/../users'));
    expect(direct.headers['access-control-allow-origin']).toStrictEqual(['*']);
    expect(dotted.body).toBe('api: /api/users');
    expect(dotted.headers['access-control-allow-origin']).toBeUndefined();
  });
});
