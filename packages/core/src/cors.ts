import type { CorsConfigProblem } from './errors.ts';
import { CorsConfigError, quote } from './errors.ts';
import { CompiledPolicy } from './policy.ts';
import { compileRoutes } from './route-options.ts';
import { RouteTable } from './routes.ts';
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
import { POLICY_KEYS, publicProblem, unknownKeyProblems, validatePolicy } from './validate.ts';

/** Marks compiled policies, across duplicate copies of this package (ESM and CJS). */
const CORS_HANDLE: unique symbol = Symbol.for('@corsica/cors-core.handle') as never;

const TOP_LEVEL_KEYS: readonly string[] = [...POLICY_KEYS, 'routes', 'onError'];

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

  const declaredRoutes = hasRoutes
    ? compileRoutes(routes as readonly unknown[], raw, topLevel.problems, handler, problems)
    : [];

  if (problems.length > 0) throw new CorsConfigError(problems.map(publicProblem));
  const decider = hasRoutes
    ? new RouteTable(declaredRoutes, fallback)
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
