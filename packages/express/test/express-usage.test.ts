import type { CorsOptions } from '@corsica/cors-core';
import type { RawRequest, TestServer } from '@corsica/cors-testkit';
import {
  APP,
  corsHeadersOf,
  EVIL,
  fromOrigin,
  listen,
  PREFLIGHT_VARY,
  preflight,
  send,
} from '@corsica/cors-testkit';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import express5 from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CorsConfigError, cors, createCors } from '../src/index.ts';

type ExpressApp = ReturnType<typeof express5>;

const policy: CorsOptions = {
  origins: [APP],
  credentials: true,
  methods: ['PUT'],
  allowedHeaders: ['Content-Type'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};

const ok: RequestHandler = (_req, res) => {
  res.json({ ok: true });
};

const allowedActual = {
  'access-control-allow-origin': [APP],
  'access-control-allow-credentials': ['true'],
  'access-control-expose-headers': ['X-Request-Id'],
  vary: ['Origin'],
};

const allowedPreflight = {
  'access-control-allow-origin': [APP],
  'access-control-allow-credentials': ['true'],
  'access-control-allow-methods': ['PUT'],
  'access-control-max-age': ['600'],
  vary: PREFLIGHT_VARY,
};

describe.each([
  ['express 5', express5],
  ['express 4', express4],
])('%s', (_name, express) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function serve(app: ExpressApp): Promise<string> {
    server = await listen(app);
    return server.url;
  }

  describe('per router', () => {
    function routerApp(options: CorsOptions = policy): ExpressApp {
      const app = express();
      const api = express.Router();
      api.use(cors(options));
      api.get('/items', ok);
      api.put('/items/:id', ok);
      api.get('/public/logo', ok);
      app.use('/api', api);
      app.get('/open', ok);
      return app;
    }

    it('adds the CORS headers to the routes of the router', async () => {
      const url = await serve(routerApp());
      const response = await send(url, fromOrigin(APP, 'GET', '/api/items'));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual(allowedActual);
    });

    it('answers preflights to the router with 204 and no body', async () => {
      const url = await serve(routerApp());
      const response = await send(url, preflight(APP, 'PUT', '/api/items/42'));
      expect(response.status).toBe(204);
      expect(response.body).toBe('');
      expect(corsHeadersOf(response)).toEqual(allowedPreflight);
    });

    it('leaves routes outside the router alone', async () => {
      const url = await serve(routerApp());
      const response = await send(url, fromOrigin(APP, 'GET', '/open'));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({});
    });

    it('matches per-path routes against the full path, mount point included', async () => {
      const url = await serve(
        routerApp({
          ...policy,
          routes: [{ path: '/api/public/*', origins: '*', credentials: false }],
        }),
      );
      const publicResponse = await send(url, fromOrigin(EVIL, 'GET', '/api/public/logo'));
      expect(corsHeadersOf(publicResponse)).toEqual({
        'access-control-allow-origin': ['*'],
        'access-control-expose-headers': ['X-Request-Id'],
      });
      const itemsResponse = await send(url, fromOrigin(EVIL, 'GET', '/api/items'));
      expect(corsHeadersOf(itemsResponse)).toEqual({ vary: ['Origin'] });
    });

    it('matches per-path routes case-sensitively, though express routes case-insensitively', async () => {
      const url = await serve(
        routerApp({
          ...policy,
          routes: [{ path: '/api/public/*', origins: '*', credentials: false }],
        }),
      );
      const response = await send(url, fromOrigin(EVIL, 'GET', '/API/public/logo'));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
    });
  });

  describe('per route', () => {
    function routeApp(): ExpressApp {
      const app = express();
      const itemsCors = cors(policy);
      app.options('/items/:id', itemsCors);
      app.put('/items/:id', itemsCors, ok);
      app.get('/other', ok);
      return app;
    }

    it('adds the CORS headers to that route', async () => {
      const url = await serve(routeApp());
      const response = await send(url, fromOrigin(APP, 'PUT', '/items/7'));
      expect(response.status).toBe(200);
      expect(response.body).toBe('{"ok":true}');
      expect(corsHeadersOf(response)).toEqual(allowedActual);
    });

    it('answers the preflight registered with app.options', async () => {
      const url = await serve(routeApp());
      const response = await send(url, preflight(APP, 'PUT', '/items/7'));
      expect(response.status).toBe(204);
      expect(corsHeadersOf(response)).toEqual(allowedPreflight);
    });

    it('leaves other routes alone', async () => {
      const url = await serve(routeApp());
      expect(corsHeadersOf(await send(url, fromOrigin(APP, 'GET', '/other')))).toEqual({});
    });

    it('answers preflights with app.route(path).all(cors)', async () => {
      const app = express();
      app.route('/items/:id').all(cors(policy)).put(ok);
      const url = await serve(app);
      const response = await send(url, preflight(APP, 'PUT', '/items/7'));
      expect(response.status).toBe(204);
      expect(corsHeadersOf(response)).toEqual(allowedPreflight);
    });
  });

  describe('next()', () => {
    /** What the middleware passed to `next` (each call's arguments), and the final status. */
    async function reached(options: CorsOptions, request: RawRequest) {
      const middleware = cors(options);
      const next = vi.fn<(error?: unknown) => void>();
      const app = express();
      app.use((req, res, proceed) =>
        middleware(req, res, (...args: unknown[]) => {
          next(...args);
          proceed();
        }),
      );
      app.use((_req, res) => {
        res.end();
      });
      const response = await send(await serve(app), request);
      return { nextCalls: next.mock.calls, status: response.status };
    }

    it.each([
      ['a request without Origin', { method: 'GET', path: '/', headers: {} }],
      ['an allowed actual request', fromOrigin(APP, 'GET', '/')],
      ['a disallowed actual request', fromOrigin(EVIL, 'GET', '/')],
      ['an OPTIONS request that is not a preflight', fromOrigin(APP, 'OPTIONS', '/')],
    ])('is called for %s', async (_case, request) => {
      expect(await reached(policy, request)).toEqual({ nextCalls: [[]], status: 200 });
    });

    it.each([
      ['an allowed preflight', preflight(APP, 'PUT', '/'), 204],
      ['a denied preflight', preflight(EVIL, 'PUT', '/'), 403],
      ['a preflight for a method not allowed', preflight(APP, 'DELETE', '/'), 403],
    ])('is not called for %s', async (_case, request, status) => {
      expect(await reached(policy, request)).toEqual({ nextCalls: [], status });
    });

    it('is called for an allowed preflight with preflight.continue', async () => {
      const options = { ...policy, preflight: { continue: true } };
      expect(await reached(options, preflight(APP, 'PUT', '/'))).toEqual({
        nextCalls: [[]],
        status: 200,
      });
    });

    it('is not called for a disallowed origin with rejectDisallowed', async () => {
      const options = { ...policy, rejectDisallowed: true };
      expect(await reached(options, fromOrigin(EVIL, 'GET', '/'))).toEqual({
        nextCalls: [],
        status: 403,
      });
    });
  });

  describe('Vary', () => {
    it('appends Origin to a Vary set before the middleware, once', async () => {
      const app = express();
      app.use((_req, res, next) => {
        res.vary('Accept-Encoding').vary('Origin');
        next();
      });
      app.use(cors(policy));
      app.get('/', ok);
      const response = await send(await serve(app), fromOrigin(APP, 'GET', '/'));
      expect(response.headers['vary']).toEqual(['Accept-Encoding, Origin']);
    });
  });

  describe('configuration', () => {
    it('throws a CorsConfigError listing every problem when cors() is called', () => {
      let thrown: unknown;
      try {
        cors({ origins: '*', credentials: true, origin: APP } as CorsOptions);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CorsConfigError);
      expect((thrown as CorsConfigError).problems.map((problem) => problem.code)).toEqual([
        'option-unknown',
        'origin-wildcard-with-credentials',
      ]);
    });

    it('accepts a policy compiled with createCors, shared by two middlewares', async () => {
      const compiled = createCors(policy);
      const app = express();
      app.use('/a', cors(compiled));
      app.use('/b', cors(compiled));
      app.get(['/a', '/b'], ok);
      const url = await serve(app);
      expect(corsHeadersOf(await send(url, fromOrigin(APP, 'GET', '/a')))).toEqual(allowedActual);
      expect(corsHeadersOf(await send(url, fromOrigin(APP, 'GET', '/b')))).toEqual(allowedActual);
    });
  });

  describe('asynchronous origin predicate', () => {
    const lookup = async (origin: string): Promise<boolean> => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return origin === APP;
    };

    function asyncApp(origins: (origin: string) => Promise<boolean>, onError = vi.fn()) {
      const app = express();
      const errorHandler = vi.fn<ErrorRequestHandler>((_error, _req, res, _next) => {
        res.status(500).end();
      });
      app.use(cors({ origins, methods: ['PUT'], onError }));
      app.put('/items/:id', ok);
      app.use(errorHandler);
      return { app, errorHandler, onError };
    }

    it('waits for the predicate, then answers an allowed preflight', async () => {
      const { app } = asyncApp(lookup);
      const response = await send(await serve(app), preflight(APP, 'PUT', '/items/1'));
      expect(response.status).toBe(204);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-allow-methods': ['PUT'],
        vary: PREFLIGHT_VARY,
      });
    });

    it('waits for the predicate, then hands an allowed actual request on', async () => {
      const { app } = asyncApp(lookup);
      const response = await send(await serve(app), fromOrigin(APP, 'PUT', '/items/1'));
      expect(response.status).toBe(200);
      expect(response.body).toBe('{"ok":true}');
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        vary: ['Origin'],
      });
    });

    it('hands a denied actual request on without CORS access', async () => {
      const { app } = asyncApp(lookup);
      const response = await send(await serve(app), fromOrigin(EVIL, 'PUT', '/items/1'));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
    });

    it('treats a rejecting predicate as a denial: onError hears of it, next(err) never does', async () => {
      const failure = new Error('lookup failed');
      const { app, errorHandler, onError } = asyncApp(() => Promise.reject(failure));
      const response = await send(await serve(app), fromOrigin(APP, 'PUT', '/items/1'));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
      expect(onError).toHaveBeenCalledWith(failure, expect.anything());
      expect(errorHandler).not.toHaveBeenCalled();
    });
  });
});
