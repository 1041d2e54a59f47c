import type { RawRequest, RawResponse } from '@corsica/cors-testkit';
import { send } from '@corsica/cors-testkit';
import type Koa from 'koa';
import { serve } from './serve.ts';

/** Starts `app`, sends each request in turn over real HTTP, and stops it. */
export async function exchange(app: Koa, ...requests: RawRequest[]): Promise<RawResponse[]> {
  const server = await serve(app);
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
