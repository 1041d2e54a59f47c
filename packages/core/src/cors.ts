import type { CorsConfigProblem } from './errors.ts';
import { CorsConfigError, quote } from './errors.ts';
import { CompiledPolicy } from './policy.ts';
import type { RouteTarget } from './routes.ts';
import { RouteTable, routePathProblem } from './routes.ts';
import type {
  AsyncCors,
  AsyncCorsOptions,
  Cors,
  CorsDecision,
  CorsInput,
  CorsOptions,
  CorsRequest,
} from './types.ts';
import type { RawPolicy } from './validate.ts';
import {
  concernsKeys,
  POLICY_KEYS,
  publicProblem,
  unknownKeyProblems,
  validatePolicy,
} from './validate.ts';

/** Marks compiled policies, across duplicate copies of this package (ESM and CJS). */
const CORS_HANDLE: unique symbol = Symbol.for('@corsica/cors-core.handle') as never;

const TOP_LEVEL_KEYS: readonly string[] = [...POLICY_KEYS, 'routes', 'onError'];
const ROUTE_KEYS: readonly string[] = [...POLICY_KEYS, 'path', 'disabled'];

function pickPolicyKeys(options: RawPolicy): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of POLICY_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return picked;
}

/**
 * Validates and compiles a CORS policy, once. Throws a `CorsConfigError` listing every problem.
 *
 * @example
 * const cors = createCors({ origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] });
 * const decision = cors.decide({ method: req.method, header: (name) => req.headers[name] });
 */
export function createCors(options: CorsOptions): Cors;
export function createCors(options: AsyncCorsOptions): AsyncCors;
export function createCors(options: CorsOptions | AsyncCorsOptions): Cors | AsyncCors {
  if (typeof options !== 'object' || options === null) {
    throw new CorsConfigError([
      {
        code: 'option-type',
        option: 'options',
        value: options,
        message: `createCors takes an options object such as { origins: ['https://app.example.com'] }, not ${quote(options)}.`,
      },
    ]);
  }
  const raw = options as unknown as RawPolicy;
  const problems: CorsConfigProblem[] = [...unknownKeyProblems(raw, TOP_LEVEL_KEYS, '')];
  const onError = raw['onError'];
  if (onError !== undefined && typeof onError !== 'function') {
    problems.push({
      code: 'option-type',
      option: 'onError',
      value: onError,
      message: 'onError must be a function (error, request) => void.',
    });
  }
  const handler =
    typeof onError === 'function'
      ? (onError as (error: unknown, request: CorsRequest) => void)
      : undefined;

  const routes = raw['routes'];
  const hasRoutes = Array.isArray(routes) && routes.length > 0;
  if (routes !== undefined && !Array.isArray(routes)) {
    problems.push({
      code: 'option-type',
      option: 'routes',
      value: routes,
      message: "routes must be a list such as [{ path: '/api/*', origins: [...] }].",
    });
  }
  // With routes, the top level may leave origins out: paths no route covers then get no CORS.
  const topLevelRequired = !hasRoutes || raw['origins'] !== undefined;
  const topLevel = validatePolicy(raw, '');
  problems.push(
    ...topLevel.problems.filter(
      (problem) => topLevelRequired || problem.code !== 'origins-missing',
    ),
  );
  const fallback =
    topLevelRequired && topLevel.problems.length === 0
      ? new CompiledPolicy(topLevel.policy, handler)
      : undefined;

  const compiledRoutes: { path: string; target: RouteTarget }[] = [];
  if (hasRoutes) {
    const inherited = pickPolicyKeys(raw);
    const seen = new Map<string, number>();
    (routes as readonly unknown[]).forEach((route, i) => {
      const prefix = `routes[${i}].`;
      if (typeof route !== 'object' || route === null) {
        problems.push({
          code: 'option-type',
          option: `routes[${i}]`,
          value: route,
          message: "each route is an object such as { path: '/api/*', origins: [...] }.",
        });
        return;
      }
      const own = route as RawPolicy;
      problems.push(...unknownKeyProblems(own, ROUTE_KEYS, prefix));
      const path = own['path'];
      const pathProblem = typeof path === 'string' ? routePathProblem(path) : 'must be a string';
      if (pathProblem !== undefined || typeof path !== 'string') {
        problems.push({
          code: 'route-path-invalid',
          option: `${prefix}path`,
          value: path,
          message: `The route path ${quote(path)} ${pathProblem}; write an exact path such as "/health" or a prefix such as "/api/*".`,
        });
        return;
      }
      const first = seen.get(path);
      if (first !== undefined) {
        problems.push({
          code: 'route-duplicate',
          option: `${prefix}path`,
          value: path,
          message: `The path ${quote(path)} repeats routes[${first}]; merge the two.`,
        });
        return;
      }
      seen.set(path, i);
      if (own['disabled'] === true) {
        const extra = Object.keys(own).filter((key) => key !== 'path' && key !== 'disabled');
        for (const key of extra) {
          problems.push({
            code: 'option-unknown',
            option: `${prefix}${key}`,
            value: own[key],
            message: 'A disabled route takes no other options; remove it, or remove disabled.',
          });
        }
        compiledRoutes.push({ path, target: { kind: 'disabled' } });
        return;
      }
      if (own['disabled'] !== undefined && own['disabled'] !== false) {
        problems.push({
          code: 'option-type',
          option: `${prefix}disabled`,
          value: own['disabled'],
          message: 'disabled must be true or false.',
        });
      }
      const ownKeys = new Set(Object.keys(pickPolicyKeys(own)));
      const validated = validatePolicy({ ...inherited, ...pickPolicyKeys(own) }, prefix);
      // Problems of inherited options were reported at the top level; report only the route's own.
      const routeProblems = validated.problems.filter(
        (problem) => concernsKeys(problem, ownKeys) || problem.code === 'origins-missing',
      );
      problems.push(...routeProblems);
      if (validated.problems.length === 0)
        compiledRoutes.push({
          path,
          target: { kind: 'policy', policy: new CompiledPolicy(validated.policy, handler) },
        });
    });
  }

  if (problems.length > 0) throw new CorsConfigError(problems.map(publicProblem));
  const decider = hasRoutes
    ? new RouteTable(compiledRoutes, fallback)
    : (fallback as CompiledPolicy);
  const decide = (request: CorsRequest): CorsDecision | Promise<CorsDecision> =>
    decider.decide(request) as CorsDecision | Promise<CorsDecision>;
  return Object.freeze({ decide, [CORS_HANDLE]: true }) as unknown as Cors;
}

/** Whether `value` is a policy compiled by `createCors`. */
export function isCors(value: unknown): value is Cors | AsyncCors {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[CORS_HANDLE] === true
  );
}

/**
 * What adapters call on their argument: a compiled policy is used as is, options are compiled
 * (and validated) now, so configuration errors surface when the app starts.
 */
export function toCors(input: CorsOptions): Cors;
export function toCors(input: CorsInput): Cors | AsyncCors;
export function toCors(input: CorsInput): Cors | AsyncCors {
  return isCors(input) ? input : createCors(input as CorsOptions);
}

/** Whether a decision is still pending (a policy with an asynchronous origin predicate). */
export function isPendingDecision(
  decision: CorsDecision | Promise<CorsDecision>,
): decision is Promise<CorsDecision> {
  return decision instanceof Promise;
}
