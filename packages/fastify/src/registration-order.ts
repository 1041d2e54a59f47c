import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';

/** What `printRoutes()` prints for a router holding no route. */
const NO_ROUTES = FindMyWay().prettyPrint();

/**
 * As the plugin loads. Hooks apply to routes declared after they are added, and onRoute sees only
 * those: a route declared before would get no CORS handling, or CORS without its `config.cors`.
 * Fastify lists no routes but prints them all: its router must print as an empty one.
 */
export function refuseEarlierRoutes(fastify: FastifyInstance): void {
  const declared = fastify.printRoutes({ commonPrefix: false });
  if (declared === NO_ROUTES) return;
  throw new Error(
    `@corsica/cors-fastify was registered after routes were declared: they would get no CORS handling, or miss their config.cors. Write \`await app.register(cors, options)\` before declaring routes and before registering plugins that declare routes. Declared before it:\n${declared}`,
  );
}
