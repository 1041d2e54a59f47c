import type { AsyncCors, Cors, CorsConfigProblem } from '@corsica/cors-core';
import { CorsConfigError } from '@corsica/cors-core';
import type { HandlerRoute } from './handler-routes.ts';
import type { DecoratedRoute } from './route-policies.ts';

/**
 * What goes wrong when `@Cors()` decorators become per-path policies, said in Nest's terms: the
 * core's problems about `routes[i]` are reported under the handlers behind that route.
 */

function labelOf(routes: DecoratedRoute | readonly DecoratedRoute[]): string {
  const handlers = [routes].flat().flatMap((route) => route.handlers);
  return `@Cors() on ${[...new Set(handlers)].join(', ')}`;
}

/** Problems the core found in `routes[i]` are about the handlers behind that route. */
export function relabel(
  error: CorsConfigError,
  offset: number,
  routes: readonly DecoratedRoute[],
): CorsConfigError {
  return new CorsConfigError(
    error.problems.map((problem) => {
      const match = /^routes\[(\d+)\]/.exec(problem.option);
      const route = match === null ? undefined : routes[Number(match[1]) - offset];
      if (match === null || route === undefined) return problem;
      return { ...problem, option: `${labelOf(route)}${problem.option.slice(match[0].length)}` };
    }),
  );
}

export function untranslatable(route: HandlerRoute, problem: string): CorsConfigProblem {
  return {
    code: 'route-path-invalid',
    option: `@Cors() on ${route.handler}`,
    value: route.path,
    message: `Nest serves ${route.handler} at "${route.path}", which ${problem}. Change the route path, or move the handler to a path the decorator can cover.`,
  };
}

export function disagreement(
  first: HandlerRoute,
  second: HandlerRoute,
  method: string,
  path: string,
): CorsConfigProblem {
  const serves = method === '*' ? 'every method' : method;
  return {
    code: 'route-duplicate',
    option: `@Cors() on ${(second.setting === undefined ? first : second).handler}`,
    value: path,
    message: `${first.handler} and ${second.handler} both serve ${serves} at "${path}" (versions or hosts a path cannot tell apart) with different CORS policies: the CORS layer runs before Nest picks one, and a preflight never says which version it precedes. Give both the same @Cors() (one shared options object), or neither.`,
  };
}

export function compiledGlobalProblem(
  global: Cors | AsyncCors,
  decorated: readonly HandlerRoute[],
): CorsConfigProblem {
  const names = [...new Set(decorated.map((route) => route.handler))];
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
  return {
    code: 'option-type',
    option: 'CorsModule.forRoot',
    value: global,
    message: `@Cors() on ${shown} adds per-path policies to the global policy, which a policy compiled with createCors() cannot take: give CorsModule.forRoot() (or the forRootAsync factory) the options themselves.`,
  };
}
