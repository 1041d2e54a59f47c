import type { FastifyInstance } from 'fastify';
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
