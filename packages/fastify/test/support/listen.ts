import type { AddressInfo } from 'node:net';
import type { RawRequest, RawResponse, TestServer } from '@corsica/cors-testkit';
import { send } from '@corsica/cors-testkit';
import type { FastifyInstance } from 'fastify';

/** Starts `app` on 127.0.0.1 with an ephemeral port. */
export async function listen(app: FastifyInstance): Promise<TestServer> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Starts `app`, sends each request in turn over real HTTP, and closes it. */
export async function exchange(
  app: FastifyInstance,
  ...requests: RawRequest[]
): Promise<RawResponse[]> {
  const server = await listen(app);
  try {
    const responses: RawResponse[] = [];
    for (const request of requests) responses.push(await send(server.url, request));
    return responses;
  } finally {
    await server.close();
  }
}

/** The response's Access-Control-* and Vary field lines, to compare whole with `toEqual`. */
export function corsHeadersOf(response: RawResponse): Record<string, readonly string[]> {
  const picked: Record<string, readonly string[]> = {};
  for (const [name, lines] of Object.entries(response.headers)) {
    if (name.startsWith('access-control-') || name === 'vary') picked[name] = lines;
  }
  return picked;
}

export const APP = 'https://app.example.com';
export const PARTNER = 'https://partner.example.org';
export const EVIL = 'https://evil.example.net';
export const PREFLIGHT_VARY: readonly string[] = [
  'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
];

/** A preflight from `origin` for `method` to `path`. */
export function preflight(origin: string, method: string, path: string, headers = {}): RawRequest {
  return {
    method: 'OPTIONS',
    path,
    headers: { Origin: origin, 'Access-Control-Request-Method': method, ...headers },
  };
}
