import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import { createCors } from '@corsica/cors-core';
import { withCors } from '@corsica/cors-node-http';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeLog, lines } from './exchanges.ts';
import type { RunningApi } from './servers/api.ts';
import { serveNode } from './servers/node-server.ts';
import { request } from './test-support/http.ts';

let running: RunningApi | undefined;
afterEach(() => running?.close());

describe('ExchangeLog', () => {
  it('records the request as received, the response head as written, and the decision', async () => {
    const log = new ExchangeLog();
    const policy = createCors({ origins: ['http://localhost:4300'], exposedHeaders: ['X-Id'] });
    policy.onDecision(log.decisionHook(policy, (context) => context as IncomingMessage));
    const server = createServer(
      withCors(policy, (req, res) => {
        log.reachedHandler(req);
        res.setHeader('X-Id', '1');
        res.writeHead(201, { 'Content-Type': 'text/plain', 'x-id': '2' });
        res.end('made');
      }),
    );
    log.watch(server, 'node-http');
    running = await serveNode(server, 0);
    const url = `http://localhost:${running.port}/a/b/c?q=1`;
    await request(url, { headers: { Origin: 'http://localhost:4300', 'X-Mixed-Case': 'v' } });
    await request(url, { headers: { Origin: 'https://stranger.example' } });

    const all = await log.list(0);
    expect(all.latest).toBe(2);
    const [allowed, denied] = all.exchanges;
    expect(allowed).toMatchObject({
      seq: 1,
      adapter: 'node-http',
      method: 'GET',
      url: '/a/b/c?q=1',
      origin: 'http://localhost:4300',
      preflight: false,
      status: 201,
      reachedHandler: true,
    });
    expect(allowed?.requestHeaders).toContainEqual(['X-Mixed-Case', 'v']);
    // writeHead's own headers replace those of the same name set before (in whatever order the
    // adapter, which also wraps writeHead, applies them).
    expect([...(allowed?.responseHeaders ?? [])].sort()).toEqual([
      ['access-control-allow-origin', 'http://localhost:4300'],
      ['access-control-expose-headers', 'X-Id'],
      ['content-type', 'text/plain'],
      ['vary', 'Origin'],
      ['x-id', '2'],
    ]);
    expect(allowed?.decision).toMatchObject({ kind: 'actual', allowed: true, revision: 1 });
    expect(allowed?.decision?.explanation).not.toBe('');
    expect(allowed?.decision?.logRecord).toMatchObject({ schemaVersion: 1, path: '/a/b/c' });
    expect(denied?.decision).toMatchObject({
      allowed: false,
      reason: 'origin-not-allowed',
      value: 'https://stranger.example',
    });
    expect((await log.list(1)).exchanges.map((exchange) => exchange.seq)).toEqual([2]);
    expect((await log.list(0, 'express')).exchanges).toEqual([]);
  });
});

describe('lines', () => {
  it.each<[string, unknown, [string, string][]]>([
    [
      'an object, lists split',
      { 'Set-Cookie': ['a=1', 'b=2'], Age: 3 },
      [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['age', '3'],
      ],
    ],
    [
      'a list of pairs',
      [
        ['X-A', '1'],
        ['X-B', '2'],
      ],
      [
        ['x-a', '1'],
        ['x-b', '2'],
      ],
    ],
    [
      'a flat list',
      ['X-A', '1', 'X-B', '2'],
      [
        ['x-a', '1'],
        ['x-b', '2'],
      ],
    ],
    ['nothing', undefined, []],
  ])('reads %s', (_name, headers, expected) => {
    expect(lines(headers)).toEqual(expected);
  });
});
