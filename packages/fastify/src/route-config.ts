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
    /** This route's own CORS policy, compiled when the app is ready; `false`: no CORS. */
    cors?: RouteCorsConfig;
  }
}

type Compiled = Cors<FastifyRequest> | AsyncCors<FastifyRequest>;
/** A route's own policy: compiled, `false` for no CORS, `undefined` for the plugin's. */
type RoutePolicy = Compiled | false | undefined;
/** What onRoute hooks receive. */
type DeclaredRoute = RouteOptions & { readonly routePath: string; readonly prefix: string };

/**
 * The policies routes set in `config.cors`, compiled once, and the one each request gets. A
 * preflight gets the policy of the route fastify picks for the method it asks for at the same URL
 * and Host: fastify cannot be asked for a route's config, so routes are mirrored into a second
 * find-my-way with the same options. Only `host` constraints are mirrored (a preflight carries its
 * request's Host, not its other headers); the first route declared wins.
 */
export class RoutePolicies {
  readonly #compiled = new WeakMap<object, Compiled>();
  readonly #mirror: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
  #anyRouteSetsCors: boolean | undefined;
  /** Routes as declared; a prefix root's URL with a slash added then (see seal). */
  readonly #declared: { route: RouteOptions; root: boolean; slashed: string }[] = [];

  constructor(router: RouterOptions) {
    // find-my-way marks the strategies it is given; initialConfig has frozen fastify's.
    const strategies = Object.entries(router.constraints ?? {}).map(([k, s]) => [k, { ...s }]);
    this.#mirror = FindMyWay({ ...router, constraints: Object.fromEntries(strategies) });
  }

  /** At onRoute: mirrors the route at the URL it is declared with. */
  declare(route: DeclaredRoute): void {
    this.#mirrorRoute(route);
    const root = route.routePath === '' && route.prefix !== '';
    this.#declared.push({ route, root, slashed: `${route.url}/` });
  }

  #mirrorRoute(route: RouteOptions, method = route.method, path = route.url) {
    const host: unknown = route.constraints?.['host'];
    const options = { constraints: host === undefined ? {} : { host } };
    try {
      // The mirror is only looked up, never routed through: its handler does nothing.
      this.#mirror.on(method as FindMyWay.HTTPMethod, path, options, () => {}, route);
    } catch {
      // Told apart by constraints other than host, or a slash the router ignores: first stands.
    }
  }

  /**
   * At onReady, once onRoute hooks registered after the plugin have had their say: compiles the
   * `config.cors` each route ends with, once per object (a mistake rejects `ready()`, as fastify's
   * own schema errors do). Mirrors `prefix/` where fastify serves it: for a root declared as '/',
   * not as '', which onRoute sees alike (`routePath` '').
   */
  seal(fastify: FastifyInstance, log: CorsLogSink<unknown>): void {
    this.#anyRouteSetsCors = this.#declared.some(({ route }) => route.config?.cors !== undefined);
    for (const { route, root, slashed: url } of this.#declared.splice(0)) {
      const own = route.config?.cors;
      if (own && !this.#compiled.has(own)) {
        const policy = toCors(own, `config.cors of ${route.method} ${route.url}`);
        policy.useLog(log);
        this.#compiled.set(own, policy);
      }
      const { constraints } = route;
      for (const method of root ? [route.method].flat() : []) {
        if (fastify.hasRoute({ method, url, ...(constraints && { constraints }) }))
          this.#mirrorRoute(route, method, url);
      }
    }
  }

  /** The route policy for `request`; a preflight gets the one of the route it asks about. */
  of(request: FastifyRequest, view: CorsRequest<FastifyRequest>): RoutePolicy {
    // No route sets config.cors: skip fastify's routeOptions, an object it builds on each read.
    if (!this.#anyRouteSetsCors) return undefined;
    const routed = routingMethodOf(view);
    const host = request.headers.host ?? request.headers[':authority'];
    const config: RouteOptions['config'] =
      routed === request.method
        ? request.routeOptions.config
        : this.#mirror.find(routed as FindMyWay.HTTPMethod, request.url, { host })?.store.config;
    const own = config?.cors;
    return own ? this.#compiled.get(own) : own;
  }
}
