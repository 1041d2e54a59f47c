import type { CorsRequest, PathMatching } from '@corsica/cors-core';
import { requestView } from '@corsica/cors-core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type FindMyWay from 'find-my-way';

/** The options of fastify's router, find-my-way, that decide which route a target reaches. */
export type RouterOptions = FindMyWay.Config<FindMyWay.HTTPVersion.V1> & {
  readonly useSemicolonDelimiter?: boolean;
};

/** Those options, with the defaults fastify's `initialConfig` gives them in `routerOptions`. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  caseSensitive: undefined,
  ignoreTrailingSlash: false,
  ignoreDuplicateSlashes: false,
  useSemicolonDelimiter: false,
  allowUnsafeRegex: false,
  maxParamLength: 100,
  constraints: undefined,
};

/**
 * The router options fastify uses: a key set in `routerOptions` wins over the older top-level one;
 * `initialConfig` fills both with defaults, so one at its default yields to the top-level key.
 */
export function routerOptionsOf(config: FastifyInstance['initialConfig']): RouterOptions {
  const top = config as Readonly<Record<string, unknown>>;
  const own = (config.routerOptions ?? {}) as Readonly<Record<string, unknown>>;
  const options: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(DEFAULTS)) {
    options[key] = own[key] === undefined || own[key] === fallback ? top[key] : own[key];
  }
  return options;
}

/**
 * The core's view of a fastify request, headers not copied, matching paths as the router does. Its
 * path is `request.url`: the target fastify routes on (after `rewriteUrl`), undecoded, query
 * included, cut at `;` where the router does. Origin predicates receive the fastify `request`.
 */
export function requestViewer(
  router: RouterOptions,
): (request: FastifyRequest) => CorsRequest<FastifyRequest> {
  const pathMatching: PathMatching = {
    caseSensitive: router.caseSensitive !== false,
    trailingSlash: router.ignoreTrailingSlash === true ? 'ignored' : 'significant',
  };
  const semicolons = router.useSemicolonDelimiter === true;
  const pathOf = (url: string): string => url.split(';', 1)[0] as string;
  return (request) =>
    requestView(request.headers, {
      method: request.method,
      path: semicolons ? () => pathOf(request.url) : request.url,
      pathMatching,
      context: request,
    });
}
