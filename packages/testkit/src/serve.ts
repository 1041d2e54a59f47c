import type { RequestListener, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestServer } from './harness.ts';
import type { RawRequest, RawResponse } from './http-client.ts';
import { send } from './http-client.ts';

/**
 * What each adapter's tests need around the conformance run: a Node server on 127.0.0.1 at an
 * ephemeral port, requests sent in turn, and the CORS part of a response to compare whole.
 */

/** Origins the kit and adapter tests use: listed, partner, and never listed. */
export const APP = 'https://app.example.com';
export const ADMIN = 'https://admin.example.com';
export const PARTNER = 'https://partner.example.org';
export const EVIL = 'https://evil.example.net';
/** The Vary tokens of every preflight response, in order. */
export const PREFLIGHT_TOKENS: readonly string[] = [
  'Origin',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
];
/** The Vary of every preflight response, as one field line. */
export const PREFLIGHT_VARY: readonly string[] = [PREFLIGHT_TOKENS.join(', ')];

/**
 * Serves a Node request listener (an express app, `koa.callback()`, a `withCors` listener) on
 * 127.0.0.1 at an ephemeral port; `maxHeaderSize` as the harness is asked for it.
 */
export async function listen(
  listener: RequestListener,
  maxHeaderSize?: number | undefined,
): Promise<TestServer> {
  const server =
    maxHeaderSize === undefined
      ? createServer(listener)
      : createServer({ maxHeaderSize }, listener);
  return started(server);
}

/** A Node server already created (by a framework, say), listening on 127.0.0.1. */
export async function started(server: Server): Promise<TestServer> {
  if (!server.listening) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts a server, sends each request in turn over real HTTP, and closes it. */
export async function exchange(
  start: () => Promise<TestServer>,
  ...requests: RawRequest[]
): Promise<RawResponse[]> {
  const server = await start();
  try {
    const responses: RawResponse[] = [];
    for (const request of requests) responses.push(await send(server.url, request));
    return responses;
  } finally {
    await server.close();
  }
}

/** An actual request from `origin`. */
export function fromOrigin(
  origin: string,
  method = 'GET',
  path = '/api/items',
  headers: Record<string, string> = {},
): RawRequest {
  return { method, path, headers: { Origin: origin, ...headers } };
}

/** A preflight from `origin` asking for `method` at `path`. */
export function preflight(
  origin: string,
  method: string,
  path = '/api/items',
  headers: Record<string, string> = {},
): RawRequest {
  return {
    method: 'OPTIONS',
    path,
    headers: { Origin: origin, 'Access-Control-Request-Method': method, ...headers },
  };
}

/** The response's Access-Control-* and Vary field lines, to compare whole with `toEqual`. */
export function corsHeadersOf(response: RawResponse): Record<string, readonly string[]> {
  const picked: Record<string, readonly string[]> = {};
  for (const [name, lines] of Object.entries(response.headers)) {
    if (name.startsWith('access-control-') || name === 'vary') picked[name] = lines;
  }
  return picked;
}
