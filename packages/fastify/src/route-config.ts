import type { AsyncCors, Cors, CorsInput, CorsLogSink, CorsRequest } from '@corsica/cors-core';
import { routingMethodOf, toCors } from '@corsica/cors-core';
import type { FastifyInstance, FastifyRequest, HTTPMethods, RouteOptions } from 'fastify';
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
type DeclaredRoute = RouteOptions & { readonly routePath: string; readonly prefix: string };

/**
 * The policies routes set in `config.cors`, compiled once, and the one each request gets. A
 * preflight gets the one of the route fastify picks for the method it asks for at its URL and Host:
 * fastify cannot be asked for a route's config, so routes are mirrored into a find-my-way with the
 * same options, with their `host` constraint only (a preflight has no other); the first one wins.
 */
export class RoutePolicies {
  readonly #compiled = new WeakMap<object, Compiled>();
  #mirror: FindMyWay.Instance<FindMyWay.HTTPVersion.V1> | undefined;
  /** Routes, their config.cors when declared, and `prefix/` for a prefix root ('' if none). */
  readonly #declared: [RouteOptions, RouteCorsConfig | undefined, string][] = [];
  /** The config.cors read from each config object (routes may share one), or route without one. */
  readonly #read = new Map<object, Set<unknown>>();

  constructor(router: RouterOptions) {
    // find-my-way marks the strategies it is given; initialConfig has frozen fastify's.
    const strategies = Object.entries(router.constraints ?? {}).map(([k, s]) => [k, { ...s }]);
    this.#mirror = FindMyWay({ ...router, constraints: Object.fromEntries(strategies) });
  }

  /** At onRoute: compiles `config.cors` (a mistake throws now) and mirrors the route. */
  declare(route: DeclaredRoute, log: CorsLogSink<unknown>): void {
    const own = route.config?.cors;
    if (own !== undefined && own !== false && !this.#compiled.has(own)) {
      const policy = toCors(own, 'config.cors');
      policy.useLog(log);
      this.#compiled.set(own, policy);
    }
    const key = route.config ?? route;
    this.#read.set(key, (this.#read.get(key) ?? new Set()).add(own));
    this.#mirrorRoute(route, own);
    const root = route.routePath === '' && route.prefix !== '';
    this.#declared.push([route, own, root ? `${route.url}/` : '']);
  }

  #mirrorRoute(route: RouteOptions, own: unknown, method = route.method, path = route.url) {
    const host: unknown = route.constraints?.['host'];
    const options = { constraints: host === undefined ? {} : { host } };
    // By method: find-my-way drops those after one it refuses. Only looked up: no-op handler.
    for (const one of [method].flat() as FindMyWay.HTTPMethod[]) {
      try {
        this.#mirror?.on(one, path, options, () => {}, { cors: own });
      } catch {} // Told apart by non-host constraints, or a slash the router ignores: first stands.
    }
  }

  /** At onReady: refuses a config.cors changed by a later onRoute hook; mirrors `prefix/` roots. */
  seal(fastify: FastifyInstance): void {
    const anyOwn = this.#declared.some(([, own]) => own !== undefined);
    for (const [route, own, path] of this.#declared.splice(0)) {
      const now = route.config?.cors;
      if (now !== own && !this.#read.get(route.config ?? route)?.has(now))
        throw new Error(
          `@corsica/cors-fastify: an onRoute hook added after it changed the config.cors of ${route.method} ${route.url} (or of a config object that route shares), so the route would keep the CORS it was declared with. Register the plugin that adds the hook before \`await app.register(cors, options)\`, or set config.cors where the route is declared.`,
        );
      const { constraints = {} } = route;
      const served = (method: HTTPMethods) => fastify.hasRoute({ method, url: path, constraints });
      if (path !== '') this.#mirrorRoute(route, own, [route.method].flat().filter(served), path);
    }
    if (!anyOwn) this.#mirror = undefined;
  }

  /** The route policy for `request`; a preflight gets the one of the route it asks about. */
  of(request: FastifyRequest, view: CorsRequest<FastifyRequest>): RoutePolicy {
    // No route sets config.cors: skip fastify's routeOptions, an object it builds on each read.
    if (this.#mirror === undefined) return undefined;
    const routed = routingMethodOf(view);
    const host = request.headers.host ?? request.headers[':authority'];
    const own: RouteCorsConfig | undefined =
      routed === request.method
        ? request.routeOptions.config.cors
        : this.#mirror.find(routed as FindMyWay.HTTPMethod, request.url, { host })?.store.cors;
    return own ? this.#compiled.get(own) : own;
  }
}
