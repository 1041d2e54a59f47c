import type { CorsRequest, PathMatching } from '@corsica/cors-core';
import { requestView } from '@corsica/cors-core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** How this app's router reads paths: its case and trailing-slash rules, and `;`. */
export interface FastifyRouting {
  readonly pathMatching: PathMatching;
  /** `useSemicolonDelimiter`: find-my-way routes `/admin;x` as `/admin`. */
  readonly semicolons: boolean;
}

/** Reads the router options fastify was created with (`routerOptions`, or the older top-level keys). */
export function routingOf(config: FastifyInstance['initialConfig']): FastifyRouting {
  const router = { ...config, ...config.routerOptions } as {
    readonly caseSensitive?: boolean;
    readonly ignoreTrailingSlash?: boolean;
    readonly useSemicolonDelimiter?: boolean;
  };
  return {
    pathMatching: {
      caseSensitive: router.caseSensitive !== false,
      trailingSlash: router.ignoreTrailingSlash === true ? 'ignored' : 'significant',
    },
    semicolons: router.useSemicolonDelimiter === true,
  };
}

/**
 * The core's view of a fastify request, without copying headers. Its path is `request.url`: the
 * target fastify routes on (after `rewriteUrl`), undecoded, query included, cut at `;` where the
 * router does. Origin predicates receive the fastify `request`.
 */
export function fastifyRequestView(
  request: FastifyRequest,
  routing: FastifyRouting,
): CorsRequest<FastifyRequest> {
  return requestView(request.headers, {
    method: request.method,
    path: () => pathOf(request, routing),
    pathMatching: routing.pathMatching,
    context: request,
  });
}

function pathOf(request: FastifyRequest, routing: FastifyRouting): string {
  const url = request.url;
  if (!routing.semicolons) return url;
  const semicolon = url.indexOf(';');
  return semicolon === -1 ? url : url.slice(0, semicolon);
}
