import type { CorsConfigProblem } from './errors.ts';
import { quote } from './errors.ts';
import { CompiledPolicy } from './policy.ts';
import { routePathProblem } from './route-pattern.ts';
import type { DeclaredRoute } from './routes.ts';
import { isToken, WELL_KNOWN_METHODS } from './tokens.ts';
import type { CorsRequest } from './types.ts';
import type { RawPolicy } from './validate.ts';
import { concernsKeys, POLICY_KEYS, unknownKeyProblems, validatePolicy } from './validate.ts';

/**
 * The `routes` option: each route is validated as the top-level options merged with its own, key
 * by key, and compiled into its own policy. Problems of inherited options are reported once, at
 * the top level, not again for every route.
 */

const ROUTE_KEYS: readonly string[] = [...POLICY_KEYS, 'path', 'method', 'disabled'];

export function pickPolicyKeys(options: RawPolicy): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of POLICY_KEYS) if (options[key] !== undefined) picked[key] = options[key];
  return picked;
}

function routeMethods(
  value: unknown,
  option: string,
  problems: CorsConfigProblem[],
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const methods =
    typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : undefined;
  const valid =
    methods !== undefined &&
    methods.length > 0 &&
    methods.every(
      (method) =>
        typeof method === 'string' &&
        isToken(method) &&
        (method === method.toUpperCase() || !WELL_KNOWN_METHODS.has(method.toUpperCase())),
    );
  if (!valid) {
    problems.push({
      code: 'route-method-invalid',
      option,
      value,
      message: `A route's method is a method name or a list of them, spelled as browsers send them (e.g. "GET" or ["PUT", "DELETE"]), not ${quote(value)}.`,
    });
    return undefined;
  }
  return methods as string[];
}

/**
 * Compiles every route, or reports why it cannot be: a configured route is never skipped. A
 * route's problem is reported unless the top level already reports the same one (an inherited
 * mistake is fixed once, where it was written).
 */
/**
 * A route that turns an opt-in flag off while inheriting the entry the flag allowed: the problem is
 * the route's flag, and the fix is the route's own origins without that entry.
 */
function inheritedEntryProblem(
  problem: CorsConfigProblem,
  own: RawPolicy,
  inherited: RawPolicy,
  prefix: string,
): CorsConfigProblem | undefined {
  const flag = { 'origin-null': 'dangerouslyAllowNullOrigin', 'origin-file': 'dangerouslyAllowFileOrigins' }[
    problem.code as string
  ];
  const key = /^routes\[\d+\]\.(origins|credentials)\[/.exec(problem.option)?.[1];
  if (flag === undefined || key === undefined || own[key] !== undefined) return undefined;
  const list = inherited[key];
  if (!Array.isArray(list)) return undefined;
  const kept = list.filter((entry) => entry !== problem.value).map((entry) => quote(entry));
  const fix =
    kept.length > 0
      ? `give the route its own ${key} without it: ${key}: [${kept.join(', ')}]`
      : key === 'origins'
        ? 'give the route its own origins, or disabled: true'
        : 'give the route credentials: false';
  return {
    code: problem.code,
    option: `${prefix}${flag}`,
    value: own[flag],
    message: `The route sets ${flag}: false but inherits ${quote(problem.value)} in ${key}, which needs it; ${fix}.`,
  };
}

export function compileRoutes(
  routes: readonly unknown[],
  topLevel: RawPolicy,
  topLevelProblems: readonly CorsConfigProblem[],
  onError: ((error: unknown, request: CorsRequest) => void) | undefined,
  problems: CorsConfigProblem[],
): DeclaredRoute[] {
  const inherited = pickPolicyKeys(topLevel);
  const reportedAtTop = new Set(topLevelProblems.map((problem) => `${problem.code} ${problem.option}`));
  const seen = new Map<string, number>();
  const declared: DeclaredRoute[] = [];
  routes.forEach((route, i) => {
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
        message: `The route path ${quote(path)} ${pathProblem}; write an exact path such as "/health", a parameter such as "/users/:id", or a prefix such as "/api/*".`,
      });
      return;
    }
    const methods = routeMethods(own['method'], `${prefix}method`, problems);
    const key = `${path} ${methods === undefined ? '*' : [...methods].sort().join(',')}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        code: 'route-duplicate',
        option: `${prefix}path`,
        value: path,
        message: `The path ${quote(path)}${methods === undefined ? '' : ` for ${methods.join(', ')}`} repeats routes[${first}]; merge the two.`,
      });
      return;
    }
    seen.set(key, i);
    if (own['disabled'] === true) {
      const extra = Object.keys(own).filter(
        (name) => name !== 'path' && name !== 'method' && name !== 'disabled',
      );
      for (const name of extra) {
        problems.push({
          code: 'option-unknown',
          option: `${prefix}${name}`,
          value: own[name],
          message: 'A disabled route takes no other options; remove it, or remove disabled.',
        });
      }
      declared.push({ path, methods, target: { kind: 'disabled' } });
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
    const validated = validatePolicy(
      { ...inherited, ...pickPolicyKeys(own) },
      prefix,
      ownKeys.has('credentials'),
    );
    for (const problem of validated.problems) {
      const atTop = reportedAtTop.has(`${problem.code} ${problem.option.slice(prefix.length)}`);
      if (atTop && !concernsKeys(problem, ownKeys) && problem.code !== 'origins-missing') continue;
      problems.push(inheritedEntryProblem(problem, own, inherited, prefix) ?? problem);
    }
    if (validated.problems.length === 0) {
      declared.push({
        path,
        methods,
        target: { kind: 'policy', policy: new CompiledPolicy(validated.policy, onError) },
      });
    }
  });
  return declared;
}
