import type {
  AsyncCors,
  AsyncCorsOptions,
  AsyncCorsOrigins,
  Cors,
  CorsConfigProblem,
  CorsInput,
  CorsRoute,
} from '@corsica/cors-core';
import { CorsConfigError, createCors, isCors, toCors } from '@corsica/cors-core';
import type { CorsSetting } from './cors.decorator.ts';
import type { HandlerRoute } from './handler-routes.ts';
import { shapeOf, toCorePaths } from './nest-path.ts';
import { compiledGlobalProblem, disagreement, relabel, untranslatable } from './policy-problems.ts';

/** One entry of the core's `routes`, compiled from the `@Cors()` of one or more handlers. */
export interface DecoratedRoute {
  readonly path: string;
  /** Undefined: every method (`@All()`). */
  methods: Set<string> | undefined;
  readonly setting: CorsSetting;
  readonly handlers: string[];
}

/**
 * The app's policy: the global one, plus one per-path route for each path and method a decorated
 * handler serves. The core does the rest: the most specific route wins, and preflights are matched
 * with the method they ask about, so they get the policy of the handler they precede.
 */
export function compilePolicy(
  global: CorsInput,
  handlers: readonly HandlerRoute[],
): Cors | AsyncCors {
  const decorated = handlers.filter((route) => route.setting !== undefined);
  if (decorated.length === 0 || typeof global !== 'object' || global === null) {
    return toCors(global);
  }
  if (isCors(global)) throw new CorsConfigError([compiledGlobalProblem(global, decorated)]);
  const problems: CorsConfigProblem[] = [];
  const routes = collectRoutes(handlers, problems);
  if (problems.length > 0) throw new CorsConfigError(problems);
  const options = global as AsyncCorsOptions;
  const own = options.routes ?? [];
  try {
    return createCors({ ...options, routes: [...own, ...routes.map(toCoreRoute)] });
  } catch (error) {
    throw error instanceof CorsConfigError ? relabel(error, own.length, routes) : error;
  }
}

function collectRoutes(handlers: readonly HandlerRoute[], problems: CorsConfigProblem[]) {
  const routes = new Map<string, DecoratedRoute>();
  const settings = new Map<CorsSetting, number>();
  // Which handler serves each path shape and method: the CORS layer runs before Nest picks a
  // handler, so handlers it cannot tell apart (header versioning, host routing) must agree.
  const served = new Map<string, HandlerRoute>();
  const reported = new Set<string>();
  for (const route of handlers) {
    const translation = toCorePaths(route.path);
    if ('problem' in translation) {
      if (route.setting !== undefined) problems.push(untranslatable(route, translation.problem));
      continue;
    }
    const methods = route.method === undefined ? undefined : methodsServed(route.method);
    for (const path of translation.paths) {
      for (const method of methods ?? ['*']) {
        const key = `${method} ${shapeOf(path)}`;
        const other = served.get(key);
        if (other === undefined) served.set(key, route);
        else if (
          other.setting !== route.setting &&
          !reported.has(`${other.handler} ${route.handler}`)
        ) {
          reported.add(`${other.handler} ${route.handler}`);
          problems.push(disagreement(other, route, method, path));
        }
      }
      if (route.setting === undefined) continue;
      if (!settings.has(route.setting)) settings.set(route.setting, settings.size);
      const id = `${settings.get(route.setting)} ${path}`;
      const existing = routes.get(id);
      if (existing === undefined) {
        routes.set(id, {
          path,
          methods: methods && new Set(methods),
          setting: route.setting,
          handlers: [route.handler],
        });
        continue;
      }
      if (!existing.handlers.includes(route.handler)) existing.handlers.push(route.handler);
      if (methods === undefined) existing.methods = undefined;
      else for (const method of methods) existing.methods?.add(method);
    }
  }
  return [...routes.values()];
}

/** Express and fastify answer HEAD with a GET route. */
function methodsServed(method: string): readonly string[] {
  return method === 'GET' ? ['GET', 'HEAD'] : [method];
}

function toCoreRoute(route: DecoratedRoute): CorsRoute<AsyncCorsOrigins> {
  const method = route.methods === undefined ? {} : { method: [...route.methods] };
  return route.setting === false
    ? { path: route.path, ...method, disabled: true }
    : { ...route.setting, path: route.path, ...method };
}
