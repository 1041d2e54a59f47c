import type { RequestListener } from 'node:http';
import { connect, createServer as createHttp2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { CorsConfigError, createCors } from '@corsica/cors-core';
import { APP, fromOrigin, listen, PREFLIGHT_VARY, preflight, send } from '@corsica/cors-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createCorsHandler, withCors } from '../src/index.ts';

const policy = { origins: [APP], credentials: true, methods: ['PUT'] };
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Serves `listener` with the testkit's `listen` until the test ends; its URL. */
async function serve(listener: RequestListener): Promise<string> {
  const server = await listen(listener);
  closers.push(server.close);
  return server.url;
}

describe('withCors', () => {
  it('refuses an invalid policy when the listener is built', () => {
    expect(() => withCors({ origins: ['https://app.example.com/'] }, () => {})).toThrow(
      CorsConfigError,
    );
  });

  it('accepts a compiled policy', async () => {
    const url = await serve(withCors(createCors(policy), (_req, res) => res.end('ok')));
    const response = await send(url, fromOrigin(APP, 'GET', '/'));
    expect(response.headers['access-control-allow-origin']).toStrictEqual([APP]);
    expect(response.headers['access-control-allow-credentials']).toStrictEqual(['true']);
  });

  it('does not call the listener for a preflight it answers', async () => {
    let calls = 0;
    const url = await serve(
      withCors(policy, (_req, res) => {
        calls++;
        res.end('ok');
      }),
    );
    const response = await send(url, preflight(APP, 'PUT', '/'));
    expect(response.status).toBe(204);
    expect(calls).toBe(0);
  });
});

describe('createCorsHandler, for custom servers', () => {
  it('tells whether it ended the response', async () => {
    const cors = createCorsHandler(policy);
    const ended: boolean[] = [];
    const url = await serve((req, res) => {
      const result = cors(req, res);
      ended.push(result as boolean);
      if (result !== true) res.end('app');
    });
    await send(url, preflight(APP, 'PUT', '/'));
    await send(url, fromOrigin(APP, 'GET', '/'));
    expect(ended).toStrictEqual([true, false]);
  });

  it('returns a promise for policies with an asynchronous predicate', async () => {
    const cors = createCorsHandler({ origins: async (origin: string) => origin === APP });
    const url = await serve((req, res) => {
      void Promise.resolve(cors(req, res)).then((done) => {
        if (!done) res.end('app');
      });
    });
    const response = await send(url, fromOrigin(APP, 'GET', '/'));
    expect(response.body).toBe('app');
    expect(response.headers['access-control-allow-origin']).toStrictEqual([APP]);
  });
});

describe('node:http2 in compatibility mode', () => {
  it('answers a preflight and an actual request', async () => {
    const server = createHttp2Server(withCors(policy, (_req, res) => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const client = connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    closers.push(() => new Promise<void>((resolve) => client.close(() => resolve())));
    const request = (headers: Record<string, string>): Promise<Record<string, unknown>> =>
      new Promise((resolve, reject) => {
        const stream = client.request(headers);
        stream.on('response', (responseHeaders) => {
          stream.resume();
          stream.on('end', () => resolve(responseHeaders));
        });
        stream.on('error', reject);
        stream.end();
      });
    const preflight = await request({
      ':method': 'OPTIONS',
      ':path': '/items',
      origin: APP,
      'access-control-request-method': 'PUT',
    });
    expect(preflight).toMatchObject({
      ':status': 204,
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      vary: PREFLIGHT_VARY[0],
    });
    const actual = await request({ ':method': 'GET', ':path': '/items', origin: APP });
    expect(actual).toMatchObject({
      ':status': 200,
      'access-control-allow-origin': APP,
      vary: 'Origin',
    });
  });
});
