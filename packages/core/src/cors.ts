import { policyOptions } from './config/canonical-options.ts';
import type { CorsConfigProblem } from './config/problems.ts';
import { CorsConfigError, publicProblem } from './config/problems.ts';
import { pickPolicyKeys, validateRoutes } from './config/route-options.ts';
import type { RawPolicy } from './config/validate.ts';
import { POLICY_KEYS, unknownKeyProblems, validatePolicy } from './config/validate.ts';
import type { CompiledOptions } from './handle.ts';
import { CORS_HANDLE, CorsHandle } from './handle.ts';
import { configMessages as say } from './messages/config.ts';
import { CompiledPolicy } from './policy.ts';
import type { RouteTarget } from './routes/route-table.ts';
import { RouteTable } from './routes/route-table.ts';
import type {
  AsyncCors,
  AsyncCorsOptions,
  Cors,
  CorsDecision,
  CorsDecisionHook,
  CorsInput,
  CorsLogOption,
  CorsOptions,
  CorsRequest,
} from './types.ts';

const TOP_LEVEL_KEYS: readonly string[] = [
  ...POLICY_KEYS,
  'routes',
  'onError',
  'onDecision',
  'log',
  'debug',
];

type OnError = (error: unknown, request: CorsRequest<unknown>) => void;

/**
 * Validates and compiles a CORS policy, once. Throws a `CorsConfigError` listing every problem.
 *
 * @example
 * const cors = createCors({ origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] });
 * const decision = cors.decide({ method: req.method, header: (name) => req.headers[name] });
 */
export function createCors<TContext = unknown>(options: CorsOptions<TContext>): Cors<TContext>;
export function createCors<TContext = unknown>(
  options: AsyncCorsOptions<TContext>,
): AsyncCors<TContext>;
export function createCors<TContext>(
  options: CorsOptions<TContext> | AsyncCorsOptions<TContext>,
): Cors<TContext> | AsyncCors<TContext> {
  return new CorsHandle(options, compile, 'createCors()') as unknown as Cors<TContext>;
}

/**
 * What adapters call on their argument: a compiled policy is used as is, options are compiled
 * (and validated) now, so configuration errors surface when the app starts.
 *
 * @param caller What the user called, as they wrote it, for the error message: `cors()`.
 */
export function toCors<TContext = unknown>(
  input: CorsOptions<TContext>,
  caller?: string,
): Cors<TContext>;
export function toCors<TContext = unknown>(
  input: CorsInput<TContext>,
  caller?: string,
): Cors<TContext> | AsyncCors<TContext>;
export function toCors<TContext>(
  input: CorsInput<TContext>,
  caller = 'createCors()',
): Cors<TContext> | AsyncCors<TContext> {
  return isCors(input)
    ? input
    : (new CorsHandle(input, compile, caller) as unknown as Cors<TContext>);
}

/** Whether `value` is a policy compiled by `createCors`. */
export function isCors(value: unknown): value is Cors<never> | AsyncCors<never> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[CORS_HANDLE] === true
  );
}

/** Whether a decision is still pending (a policy with an asynchronous origin predicate). */
export function isPendingDecision(
  decision: CorsDecision | Promise<CorsDecision>,
): decision is Promise<CorsDecision> {
  return decision instanceof Promise;
}

/** Validates options and compiles them into what a handle decides with. */
function compile(options: unknown, caller: string): CompiledOptions {
  if (typeof options !== 'object' || options === null) {
    throw new CorsConfigError(
      [
        {
          code: 'option-type',
          option: 'options',
          value: options,
          message: say.optionsType(caller, options),
        },
      ],
      caller,
    );
  }
  const raw = options as RawPolicy;
  const problems: CorsConfigProblem[] = [...unknownKeyProblems(raw, TOP_LEVEL_KEYS, '')];
  const onError = raw['onError'];
  if (onError !== undefined && typeof onError !== 'function') {
    problems.push({
      code: 'option-type',
      option: 'onError',
      value: onError,
      message: say.onErrorType(),
    });
  }
  const handler = typeof onError === 'function' ? (onError as OnError) : undefined;
  const onDecision = raw['onDecision'];
  if (onDecision !== undefined && typeof onDecision !== 'function') {
    problems.push({
      code: 'option-type',
      option: 'onDecision',
      value: onDecision,
      message: say.onDecisionType(),
    });
  }
  const log = raw['log'];
  if (
    log !== undefined &&
    log !== false &&
    log !== 'denials' &&
    log !== 'all' &&
    typeof log !== 'function'
  ) {
    problems.push({ code: 'option-type', option: 'log', value: log, message: say.logType(log) });
  }
  const debug = raw['debug'];
  if (debug !== undefined && typeof debug !== 'boolean') {
    problems.push({
      code: 'option-type',
      option: 'debug',
      value: debug,
      message: say.booleanType('debug', debug),
    });
  }

  const routes = raw['routes'];
  const hasRoutes = Array.isArray(routes) && routes.length > 0;
  if (routes !== undefined && !Array.isArray(routes)) {
    problems.push({
      code: 'option-type',
      option: 'routes',
      value: routes,
      message: say.routesType(),
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
  const declared = hasRoutes
    ? validateRoutes(routes as readonly unknown[], raw, topLevel.problems, problems)
    : [];
  if (problems.length > 0) throw new CorsConfigError(problems.map(publicProblem), caller);

  const fallback = topLevelRequired ? new CompiledPolicy(topLevel.policy, handler) : undefined;
  const compiled: CompiledPolicy[] = fallback === undefined ? [] : [fallback];
  const decider = hasRoutes
    ? new RouteTable(
        declared.map(
          ({
            path,
            methods,
            policy,
          }): { path: string; methods: readonly string[] | undefined; target: RouteTarget } => {
            if (policy === 'disabled') return { path, methods, target: { kind: 'disabled' } };
            const route = new CompiledPolicy(policy, handler, path);
            compiled.push(route);
            return { path, methods, target: { kind: 'policy', policy: route } };
          },
        ),
        fallback,
      )
    : (fallback as CompiledPolicy);
  // The options in force, written back (`getOptions()`), fresh on every call: routes with only
  // their own keys, so that they go on inheriting the rest; a top level without origins stays so.
  const canonical = (): Record<string, unknown> => {
    const options = policyOptions(
      topLevel.policy,
      topLevelRequired ? undefined : new Set(POLICY_KEYS.filter((key) => key !== 'origins')),
    );
    if (!hasRoutes) return options;
    options['routes'] = declared.map(({ policy }, i) => {
      const own = (routes as readonly RawPolicy[])[i] as RawPolicy;
      const route: Record<string, unknown> = {};
      for (const key of ['label', 'path', 'method'] as const) {
        const value = own[key];
        if (value !== undefined) route[key] = Array.isArray(value) ? [...value] : value;
      }
      if (policy === 'disabled') return { ...route, disabled: true };
      return { ...route, ...policyOptions(policy, new Set(Object.keys(pickPolicyKeys(own)))) };
    });
    return options;
  };
  return {
    decider,
    policies: compiled,
    canonical,
    asynchronous: [topLevel.policy, ...declared.map(({ policy }) => policy)].some(
      (policy) =>
        policy !== 'disabled' &&
        policy.origins.kind === 'predicate' &&
        Object.prototype.toString.call(policy.origins.predicate) === '[object AsyncFunction]',
    ),
    settings: {
      onError: handler,
      onDecision:
        typeof onDecision === 'function' ? (onDecision as CorsDecisionHook<unknown>) : undefined,
      log: log as CorsLogOption | undefined,
      debug: debug === true,
    },
  };
}
