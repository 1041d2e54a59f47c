import type { AsyncCors, Cors, CorsInput, CorsLogSink, CorsRequest } from '@corsica/cors-core';
import { routingMethodOf, toCors } from '@corsica/cors-core';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import FindMyWay from 'find-my-way';
import type { RouterOptions } from './router-options.ts';

/**
 * What a route may set in `config.cors`: Corsica options or a policy compiled with `createCors`,
 * used instead of the plugin's; or `false`, for no CORS handling at all on that route.
 */
export type RouteCorsConfig = CorsInput<FastifyRequest> | false;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's own CORS policy, compiled when the route is declared; `false`: no CORS. */
    cors?: RouteCorsConfig;
  }
}

type Compiled = Cors<FastifyRequest> | AsyncCors<FastifyRequest>;
/** A route's own policy: compiled, `false` for no CORS, `undefined` for the plugin's. */
type RoutePolicy = Compiled | false | undefined;
/** What onRoute hooks receive. */
type DeclaredRoute = RouteOptions & { readonly routePath: string; readonly prefix: string };

/** Where a route's compiled policy is kept in its config. */
const OWN_POLICY: unique symbol = Symbol('@corsica/cors-fastify.policy');

/**
 * The policies routes set in `config.cors`, compiled once, and the one each request gets. A
 * preflight gets the policy of the route fastify picks for the method it asks for at the same URL
 * and Host: fastify cannot be asked for a route's config, so routes are mirrored into a second
 * find-my-way with the same options. Only `host` constraints are mirrored (a preflight carries its
 * request's Host, not its other headers); the first route declared wins.
 */
export class RoutePolicies {
  readonly #compiled = new WeakMap<object, Compiled>();
  #mirror: FindMyWay.Instance<FindMyWay.HTTPVersion.V1> | undefined;
  #anyOwn = false;
  /** Prefix roots fastify may also serve at `prefix/`: told apart only once it is ready. */
  readonly #slashed: { route: RouteOptions; path: string; policy: RoutePolicy }[] = [];

  readonly #log: CorsLogSink<unknown>;

  constructor(router: RouterOptions, log: CorsLogSink<unknown>) {
    this.#log = log;
    // find-my-way marks the strategies it is given; initialConfig has frozen fastify's.
    const strategies = Object.entries(router.constraints ?? {}).map(([k, s]) => [k, { ...s }]);
    this.#mirror = FindMyWay({ ...router, constraints: Object.fromEntries(strategies) });
  }

  /** At onRoute: compiles `config.cors` (a mistake throws now) and mirrors the route. */
  declare(route: DeclaredRoute): void {
    const own = route.config?.cors;
    const policy =
      own === undefined || own === false
        ? own
        : (this.#compiled.get(own) ?? toCors(own, 'config.cors'));
    if (policy) {
      this.#compiled.set(own as object, policy);
      policy.useLog(this.#log);
    }
    route.config = { ...route.config, [OWN_POLICY]: policy } as DeclaredRoute['config'] & {};
    this.#anyOwn ||= own !== undefined;
    const host: unknown = route.constraints?.['host'];
    const { routePath, prefix, url } = route;
    this.#mirrorRoute(route.method, url, host, policy);
    // fastify also serves a prefix's root declared as '/' at `prefix/`, without telling onRoute
    // hooks; one declared as '' it serves at `prefix` only. onRoute sees both alike: seal asks.
    if (routePath === '' && prefix !== '') this.#slashed.push({ route, path: `${url}/`, policy });
  }

  #mirrorRoute(method: RouteOptions['method'], path: string, host: unknown, policy: RoutePolicy) {
    const options = { constraints: host === undefined ? {} : { host } };
    try {
      // The mirror is only looked up, never routed through: its handler does nothing.
      this.#mirror?.on(method as FindMyWay.HTTPMethod, path, options, () => {}, { policy });
    } catch {
      // Told apart by constraints other than host, or a slash the router ignores: first stands.
    }
  }

  /**
   * At onReady, when every route is declared: mirrors the prefix roots fastify serves at
   * `prefix/` too. Without any `config.cors`, every preflight gets the plugin's policy.
   */
  seal(fastify: FastifyInstance): void {
    for (const { route, path, policy } of this.#slashed.splice(0)) {
      const { constraints } = route;
      for (const method of [route.method].flat()) {
        if (fastify.hasRoute({ method, url: path, ...(constraints && { constraints }) }))
          this.#mirrorRoute(method, path, constraints?.['host'], policy);
      }
    }
    if (!this.#anyOwn) this.#mirror = undefined;
  }

  /** The route policy for `request`; a preflight gets the one of the route it asks about. */
  of(request: FastifyRequest, view: CorsRequest<FastifyRequest>): RoutePolicy {
    // No route sets config.cors: skip fastify's routeOptions, an object it builds on each read.
    if (this.#mirror === undefined) return undefined;
    const routed = routingMethodOf(view);
    if (routed !== request.method) {
      const host = request.headers.host ?? request.headers[':authority'];
      const found = this.#mirror.find(routed as FindMyWay.HTTPMethod, request.url, { host });
      return (found?.store as { policy: RoutePolicy } | undefined)?.policy;
    }
    return (request.routeOptions.config as { [OWN_POLICY]?: RoutePolicy })[OWN_POLICY];
  }
}
