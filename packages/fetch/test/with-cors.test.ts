import type { AdapterHarness, TestServer } from '@corsica/cors-testkit';
import {
  APP,
  EVIL,
  HANDLER_MARKER,
  HANDLER_RAN,
  listen,
  PREFLIGHT_VARY,
} from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FetchCorsContext } from '../src/index.ts';
import { withCors } from '../src/index.ts';
import { fetchApp as app } from './fetch-app.ts';
import { headerRecord } from './header-record.ts';
import { listenFetch } from './listen.ts';

const policy = {
  origins: [APP],
  credentials: true,
  methods: ['PUT'],
  allowedHeaders: ['Content-Type'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};

function ran(headers: Record<string, string> = {}): Response {
  return new Response(HANDLER_RAN, { headers: { [HANDLER_MARKER]: HANDLER_RAN, ...headers } });
}

const harness: AdapterHarness = {
  name: 'withCors (fetch handler on @hono/node-server)',
  hostOf: (context) => new URL((context as FetchCorsContext).request.url).host,
  start: async (cors, { maxHeaderSize }) => listenFetch(withCors(cors, app), maxHeaderSize),
};

function get(path: string, headers: Record<string, string> = { Origin: APP }): Request {
  return new Request(`http://api.example.com${path}`, { headers });
}

describe('withCors', () => {
  it('answers a preflight itself: the decision status, its headers, no body', async () => {
    const handler = vi.fn(app);
    const response = await withCors(
      policy,
      handler,
    )(
      new Request('http://api.example.com/api/items', {
        method: 'OPTIONS',
        headers: {
          Origin: APP,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type',
        },
      }),
    );
    expect(handler).not.toHaveBeenCalled();
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(headerRecord(response.headers)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      'content-length': '0',
      vary: PREFLIGHT_VARY.join(', '),
    });
  });

  it("puts the CORS headers on the handler's response and keeps the handler's own", async () => {
    const response = await withCors(policy, () => ran({ 'x-request-id': '7' }))(get('/api/items'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(HANDLER_RAN);
    expect(headerRecord(response.headers)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Request-Id',
      'content-type': 'text/plain;charset=UTF-8',
      vary: 'Origin',
      [HANDLER_MARKER]: HANDLER_RAN,
      'x-request-id': '7',
    });
  });

  it.each([
    ['Accept-Encoding', 'Accept-Encoding, Origin'],
    ['accept-encoding, origin', 'accept-encoding, origin'],
    ['*', '*'],
  ])("appends Origin once to the handler's Vary: %s", async (own, sent) => {
    const response = await withCors(policy, () => ran({ vary: own }))(get('/api/items'));
    expect(response.headers.get('vary')).toBe(sent);
  });

  it('sends Vary: Origin to a denied origin, and no Access-Control-Allow-* header', async () => {
    const response = await withCors(policy, () => ran())(get('/api/items', { Origin: EVIL }));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('answers a disallowed origin with 403 before the handler when rejectDisallowed is set', async () => {
    const handler = vi.fn(app);
    const response = await withCors(
      { ...policy, rejectDisallowed: true },
      handler,
    )(get('/api/items', { Origin: EVIL }));
    expect(handler).not.toHaveBeenCalled();
    expect(response.status).toBe(403);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('passes the arguments after the request through untouched (Workers: env, ctx)', async () => {
    const env = { KV: 'namespace' };
    const ctx = { waitUntil: vi.fn() };
    const handler = vi.fn((_request: Request, _env: typeof env, _ctx: typeof ctx) => ran());
    const request = get('/api/items');
    await withCors(policy, handler)(request, env, ctx);
    expect(handler).toHaveBeenCalledWith(request, env, ctx);
    expect(handler.mock.calls[0]?.[1]).toBe(env);
    expect(handler.mock.calls[0]?.[2]).toBe(ctx);
  });

  it('waits for an asynchronous origin predicate', async () => {
    const wrapped = withCors({ origins: async (origin: string) => origin === APP }, () => ran());
    const allowed = await wrapped(get('/api/items'));
    const denied = await wrapped(get('/api/items', { Origin: EVIL }));
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('vary')).toBe('Origin');
  });

  it('lets what the handler throws propagate unchanged', async () => {
    const failure = new Error('handler failure');
    const wrapped = withCors(policy, () => {
      throw failure;
    });
    await expect(wrapped(get('/api/items'))).rejects.toBe(failure);
  });

  it('lets per-path policies see the URL path undecoded', async () => {
    const perPath = { origins: [APP], routes: [{ path: '/public/*', origins: '*' as const }] };
    const wrapped = withCors(perPath, () => ran());
    const listed = await wrapped(get('/public/logo', { Origin: EVIL }));
    const encoded = await wrapped(get('/%70ublic/logo', { Origin: EVIL }));
    expect(listed.headers.get('access-control-allow-origin')).toBe('*');
    expect(encoded.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("lets per-path policies see @hono/node-server's raw target where it resolved dot segments", async () => {
    const perPath = { origins: [APP], routes: [{ path: '/public/*', origins: '*' as const }] };
    const wrapped = withCors(perPath, (_request: Request, _env: { incoming: { url: string } }) =>
      ran(),
    );
    const asSent = { incoming: { url: '/private/../public/logo' } };
    const resolved = await wrapped(get('/public/logo', { Origin: EVIL }), asSent);
    const untouched = await wrapped(get('/public/logo', { Origin: EVIL }), {
      incoming: { url: '/public/logo' },
    });
    const unrelated = await wrapped(get('/public/logo', { Origin: EVIL }), {
      incoming: { url: '/private/logo' },
    });
    expect(resolved.headers.get('access-control-allow-origin')).toBeNull();
    expect(untouched.headers.get('access-control-allow-origin')).toBe('*');
    expect(unrelated.headers.get('access-control-allow-origin')).toBe('*');
  });

  describe('responses with immutable headers', () => {
    let upstream: TestServer;
    beforeAll(async () => {
      upstream = await listen((_request, response) => {
        response.writeHead(302, { location: '/elsewhere', 'x-upstream': 'yes' });
        response.end('moved');
      });
    });
    afterAll(() => upstream.close());

    it('re-creates a proxied fetch() response, keeping its status, headers and body', async () => {
      const proxied = await fetch(`${upstream.url}/`, { redirect: 'manual' });
      expect(() => proxied.headers.set('x-probe', '1')).toThrow(TypeError);
      const response = await withCors(policy, () => proxied)(get('/api/items'));
      expect(response).not.toBe(proxied);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/elsewhere');
      expect(response.headers.get('x-upstream')).toBe('yes');
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('vary')).toBe('Origin');
      expect(await response.text()).toBe('moved');
    });

    it('returns a network error (Response.error()) as it is: it has no headers to carry', async () => {
      const failed = Response.error();
      const response = await withCors(policy, () => failed)(get('/api/items'));
      expect(response).toBe(failed);
      expect(response.type).toBe('error');
    });
  });
});

describeConformance(harness);
