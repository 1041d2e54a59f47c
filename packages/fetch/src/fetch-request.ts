import type { CorsRequest, PathMatching } from '@corsica/cors-core';
import { pathAndQueryOf, requestView, targetResolvesTo } from '@corsica/cors-core';

/**
 * The core's view of a Fetch `Request`: `Headers` already match names case-insensitively and join
 * repeated lines. Origin predicates receive `context`.
 *
 * @param env The handler's second argument: Workers' bindings, @hono/node-server's `{ incoming }`.
 * @param routed The path the app routes on, when not the URL's (Hono's decoded `c.req.path`).
 */
export function fetchRequestView<TContext>(
  request: Request,
  context: TContext,
  env?: unknown,
  routed?: string,
  pathMatching?: PathMatching,
): CorsRequest<TContext> {
  return requestView(request.headers, {
    method: request.method,
    path: () => pathOf(request, env, routed),
    pathMatching,
    context,
  });
}

/** The path per-path policies see; undefined when the target is not a URL at all (`//[{`). */
function pathOf(request: Request, env: unknown, routed: string | undefined): string | undefined {
  const url = request.url;
  // @hono/node-server passes the Node request as `env.incoming`, and resolves dot segments (`..`,
  // `%2e`) out of `request.url`: where it did, the core sees, and refuses, the target as sent.
  const sent = (env as { incoming?: { url?: unknown } } | null | undefined)?.incoming?.url;
  if (typeof sent === 'string' && !url.endsWith(sent) && targetResolvesTo(sent, url)) return sent;
  if (routed !== undefined) return routed;
  // The target as the runtime kept it (Deno and workerd keep `..`, which the core refuses); but
  // some runtimes (Deno) hand a handler a request.url no URL parser accepts (`http://[/x`).
  return pathAndQueryOf(url);
}
