import { createRequire } from 'node:module';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RoutePolicy } from './route-policies.ts';

/** What onRoute hooks receive. */
export type DeclaredRoute = RouteOptions & { readonly routePath: string; readonly prefix: string };

interface MirroredRoute {
  readonly method: string | string[];
  readonly url: string;
  readonly policy: RoutePolicy;
}

/** The part of find-my-way, fastify's router, used here. */
interface Router {
  on(method: string | string[], path: string, handler: () => void, store: MirroredRoute): void;
  find(method: string, path: string): { readonly store: MirroredRoute } | null;
}

/**
 * The app's routes, mirrored so that a preflight finds the route it asks about: the one fastify
 * picks for the method in Access-Control-Request-Method at the same URL. Fastify cannot be asked
 * for a route's config (`findRoute` returns a handler every route shares), so the mirror is a
 * second instance of fastify's router, find-my-way, the copy fastify itself loads, set up alike.
 */
export class PreflightRoutes {
  readonly #declared: MirroredRoute[] = [];
  #router: Router | undefined;

  add(route: DeclaredRoute, policy: RoutePolicy): void {
    const { method, url } = route;
    this.#declared.push({ method, url, policy });
    // fastify also serves a prefix's root route at `prefix/`, without telling onRoute hooks.
    const both = (route.prefixTrailingSlash ?? 'both') === 'both';
    if (route.routePath === '' && route.prefix !== '' && both) {
      this.#declared.push({ method, url: `${url}/`, policy });
    }
  }

  /** Once every route is declared (onReady). */
  build(config: FastifyInstance['initialConfig']): void {
    const router = loadRouter()({ ...config, ...config.routerOptions });
    for (const route of this.#declared) {
      try {
        router.on(route.method, route.url, answersNothing, route);
      } catch {
        // The same path and method under different constraints: the first declaration stands.
      }
    }
    this.#declared.length = 0;
    this.#router = router;
  }

  /** The policy of the route serving `method` at `url`; undefined if none does. */
  find(method: string, url: string): RoutePolicy {
    return this.#router?.find(method, url)?.store.policy;
  }
}

/** The mirror is only looked up, never routed through. */
function answersNothing(): void {}

function loadRouter(): (options: object) => Router {
  try {
    const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
    return fromFastify('find-my-way') as (options: object) => Router;
  } catch (cause) {
    throw new Error(
      '@corsica/cors-fastify resolves the routes of preflights with find-my-way, loaded from where fastify is installed, and could not load it: if you bundle your server, keep fastify external.',
      { cause },
    );
  }
}
