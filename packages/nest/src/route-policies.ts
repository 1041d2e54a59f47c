import type {
  AsyncCors,
  AsyncCorsOptions,
  Cors,
  CorsConfigProblem,
  CorsInput,
} from '@corsica/cors-core';
import { CorsConfigError, isCors, toCors } from '@corsica/cors-core';
import type { CorsSetting } from './cors.decorator.ts';
import type { HandlerRoute } from './handler-routes.ts';
import { toCorePaths } from './nest-path.ts';

const CALLER = 'CorsModule.forRoot()';

/**
 * The global policy plus a route, labelled for the core's problems, for each path a decorated
 * handler serves. The core does the rest (the most specific route wins, GET covers HEAD…).
 */
export function compilePolicy(
  global: CorsInput<unknown>,
  handlers: readonly HandlerRoute[],
): Cors<unknown> | AsyncCors<unknown> {
  if (typeof global !== 'object' || global === null) return toCors(global, CALLER);
  const problems: CorsConfigProblem[] = [];
  // Per `@Cors()` setting and path: the methods (undefined for `@All()`) and handlers.
  const routes = new Map<CorsSetting<unknown>, Map<string, [Set<string> | undefined, string[]]>>();
  // Who serves each path shape and method: the CORS layer runs before Nest picks a handler, so
  // handlers it cannot tell apart (header versioning, host routing) must agree.
  const served = new Map<string, HandlerRoute>();
  for (const route of handlers) {
    const { handler, method, setting } = route;
    const translation = toCorePaths(route.path);
    if ('problem' in translation) {
      if (setting === undefined) continue;
      problems.push({
        code: 'route-path-invalid',
        option: `@Cors() on ${handler}`,
        value: route.path,
        message: `Nest serves ${handler} at "${route.path}", which ${translation.problem}. Change the route path, or move the handler to a path the decorator can cover.`,
      });
      continue;
    }
    for (const path of translation.paths) {
      const shape = `${method} ${path.replace(/\/:\w+/g, '/:')}`;
      const other = served.get(shape) ?? served.set(shape, route).get(shape)!;
      const option = `@Cors() on ${(setting === undefined ? other : route).handler}`;
      if (other.setting !== setting && !problems.some((problem) => problem.option === option)) {
        problems.push({
          code: 'route-duplicate',
          option,
          value: path,
          message: `${other.handler} and ${handler} both serve ${method ?? 'every method'} at "${path}" (versions or hosts a path cannot tell apart) with different CORS policies: the CORS layer runs before Nest picks one, and a preflight never says which version it precedes. Give both the same @Cors() (one shared options object), or neither.`,
        });
      }
      if (setting === undefined) continue;
      const paths = routes.get(setting) ?? routes.set(setting, new Map()).get(setting)!;
      const entry = paths.get(path) ?? paths.set(path, [new Set(), []]).get(path)!;
      entry[0] = method === undefined ? undefined : entry[0]?.add(method);
      entry[1].push(handler);
    }
  }
  if (problems.length > 0) throw new CorsConfigError(problems, CALLER);
  const own = [...routes].flatMap(([setting, paths]) =>
    [...paths].map(([path, [methods, names]]) => ({
      ...(setting === false ? { disabled: true as const } : setting),
      label: `@Cors() on ${[...new Set(names)].join(', ')}`,
      path,
      ...(methods && { method: [...methods] }),
    })),
  );
  // The decorators' routes go after the user's, again after every cors.reconfigure(); the ones
  // already there (options from cors.getOptions()) are replaced, never doubled.
  const labels = new Set<unknown>(own.map((route) => route.label));
  const overlay = (options: Readonly<Record<string, unknown>>): Record<string, unknown> => {
    const given = (options['routes'] ?? []) as readonly { label?: string }[];
    return { ...options, routes: [...given.filter((r) => !labels.has(r.label)), ...own] };
  };
  if (!isCors(global)) return toCors(overlay({ ...global }) as AsyncCorsOptions<unknown>, CALLER);
  global.useOverlay(overlay, CALLER);
  return global;
}
