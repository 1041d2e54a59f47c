import type { CorsInput } from '@corsica/cors-core';
import { withCors } from '@corsica/cors-fetch';
import type { Context, ExecutionContext } from 'hono';
// The kit's test application, defined once for every runtime that serves it (Node, Bun, Deno,
// workerd): each package's own tests serve it on Node, this package on the other runtimes. Plain
// Web APIs and Hono only, nothing from Node, so the same modules run unchanged in each.
import { fetchApp } from '../../packages/fetch/test/fetch-app.ts';
import { honoApp } from '../../packages/hono/test/hono-app.ts';

/** The entry points served: `withCors` (@corsica/cors-fetch) and `cors` (@corsica/cors-hono). */
export const ENTRY_POINTS = ['withCors', 'hono'] as const;
export type EntryPoint = (typeof ENTRY_POINTS)[number];

/** What `Bun.serve`, `Deno.serve` and a module worker's `fetch` are given. */
export type FetchHandler = (request: Request, ...rest: unknown[]) => Response | Promise<Response>;

/**
 * The application behind one entry point with `policy`, as the runtime's fetch handler. Throws the
 * core's `CorsConfigError` for an invalid policy, as the entry point does when it is built.
 */
export function corsApp(entry: EntryPoint, policy: CorsInput<unknown>): FetchHandler {
  if (entry === 'withCors') return withCors(policy, fetchApp);
  const app = honoApp(policy);
  // Bun passes the server, Deno the connection info, workerd `env, ctx`: Hono gets them as they are.
  return (request, ...rest) => app.fetch(request, rest[0], rest[1] as ExecutionContext | undefined);
}

/** How each entry point's origin predicates read Host: Hono's `c`, or `withCors`'s `{ request }`. */
export function hostReader(entry: EntryPoint): (context: unknown) => string | undefined {
  return entry === 'hono'
    ? (context) => (context as Context).req.header('host')
    : (context) => new URL((context as { request: Request }).request.url).host;
}
