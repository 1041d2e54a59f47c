import type { AsyncCors, Cors, CorsInput, CorsRequest } from '@corsica/cors-core';
import { routingMethodOf, toCors } from '@corsica/cors-core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeclaredRoute } from './preflight-routes.ts';
import { PreflightRoutes } from './preflight-routes.ts';

/** A route's own policy: compiled, `false` for no CORS, `undefined` for the plugin's. */
export type RoutePolicy = Cors<FastifyRequest> | AsyncCors<FastifyRequest> | false | undefined;

/** Where a route's compiled policy is kept in its config; its presence marks the routes seen. */
const OWN_POLICY: unique symbol = Symbol('@corsica/cors-fastify.policy');
type SeenConfig = {
  readonly cors?: CorsInput<FastifyRequest> | false;
  readonly [OWN_POLICY]?: RoutePolicy;
};

/** The policies routes set in `config.cors`, compiled once, and the one each request gets. */
export class RoutePolicies {
  readonly #compiled = new WeakMap<object, Cors<FastifyRequest> | AsyncCors<FastifyRequest>>();
  #routes: PreflightRoutes | undefined = new PreflightRoutes();
  #anyOwn = false;

  /** At onRoute: compiles `config.cors`, so that a mistake throws when the app starts. */
  declare(route: DeclaredRoute): void {
    const own = route.config?.cors;
    const policy = own === undefined || own === false ? own : this.#compile(own);
    const config = { ...route.config, [OWN_POLICY]: policy };
    route.config = config as NonNullable<DeclaredRoute['config']>;
    this.#anyOwn ||= own !== undefined;
    this.#routes?.add(route, policy);
  }

  /** At onReady. Without any `config.cors`, every preflight gets the plugin's policy. */
  seal(config: FastifyInstance['initialConfig']): void {
    if (this.#anyOwn) this.#routes?.build(config);
    else this.#routes = undefined;
  }

  /** The route policy for `request`; a preflight gets the one of the route it asks about. */
  of(request: FastifyRequest, view: CorsRequest<FastifyRequest>): RoutePolicy {
    const routed = this.#routes === undefined ? request.method : routingMethodOf(view);
    if (routed !== request.method) return this.#routes?.find(routed, request.url);
    const config = request.routeOptions.config as SeenConfig;
    if (OWN_POLICY in config) return config[OWN_POLICY];
    if (config.cors === undefined) return undefined;
    const { method, url } = request.routeOptions;
    throw new Error(
      `${String(method)} ${url} was declared before @corsica/cors-fastify was registered, so its config.cors was never compiled: write \`await app.register(cors, options)\` before declaring routes.`,
    );
  }

  #compile(input: CorsInput<FastifyRequest>): Cors<FastifyRequest> | AsyncCors<FastifyRequest> {
    let policy = this.#compiled.get(input);
    if (policy === undefined) {
      policy = toCors(input, 'config.cors');
      this.#compiled.set(input, policy);
    }
    return policy;
  }
}
