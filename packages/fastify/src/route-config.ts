import type { CorsInput } from '@corsica/cors-core';
import type { FastifyRequest } from 'fastify';

/**
 * What a route may set in `config.cors`: Corsica options or a policy compiled with `createCors`,
 * used instead of the plugin's; or `false`, for no CORS handling at all on that route.
 */
export type RouteCorsConfig = CorsInput<FastifyRequest> | false;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * This route's own CORS policy, compiled once when the route is declared; `false` turns CORS
     * off on the route, preflights to it included.
     */
    cors?: RouteCorsConfig;
  }
}
