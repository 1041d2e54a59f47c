import { configMessages as say } from '../messages/config.ts';
import { isToken, WELL_KNOWN_METHODS } from '../protocol/tokens.ts';
import { routePathProblem } from '../routes/route-pattern.ts';
import type { CorsConfigProblem } from './problems.ts';
import { concernsKeys } from './problems.ts';
import type { NormalizedPolicy, RawPolicy } from './validate.ts';
import { OPT_IN_FLAGS, POLICY_KEYS, unknownKeyProblems, validatePolicy } from './validate.ts';

/**
 * The `routes` option: each route is validated as the top-level options merged with its own, key
 * by key. Problems of inherited options are reported once, at the top level, not again for every
 * route; a configured route is never skipped: it is compiled, or `createCors` throws.
 */

const ROUTE_KEYS: readonly string[] = [...POLICY_KEYS, 'path', 'method', 'disabled', 'label'];

/** A route as validated: its path, the methods it is limited to, and its policy (or none). */
export interface ValidatedRoute {
  readonly path: string;
  readonly methods: readonly string[] | undefined;
  /** The route's own policy, or `disabled` for no CORS handling there. */
  readonly policy: NormalizedPolicy | 'disabled';
}

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
  // '*' is a token, so a method could be named so; whoever writes it means every method, which a
  // route without `method` is. Refused, so that the two never differ (nor collide as duplicates).
  if (value === '*' || (Array.isArray(value) && value.includes('*'))) {
    problems.push({ code: 'route-method-invalid', option, value, message: say.routeMethodAny() });
    return undefined;
  }
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
      message: say.routeMethodInvalid(value),
    });
    return undefined;
  }
  return methods as string[];
}

/** How problems name a route: its `label` (adapters give one, e.g. `@Cors() on Users.remove`), or `routes[i]`. */
function routeName(route: RawPolicy, index: number, problems: CorsConfigProblem[]): string {
  const label = route['label'];
  if (label === undefined) return `routes[${index}]`;
  if (typeof label === 'string' && label !== '') return label;
  problems.push({
    code: 'option-type',
    option: `routes[${index}].label`,
    value: label,
    message: say.routeLabelType(),
  });
  return `routes[${index}]`;
}

/**
 * Validates every route. A route's problem is reported unless the top level already reports the
 * same one (an inherited mistake is fixed once, where it was written).
 */
export function validateRoutes(
  routes: readonly unknown[],
  topLevel: RawPolicy,
  topLevelProblems: readonly CorsConfigProblem[],
  problems: CorsConfigProblem[],
): ValidatedRoute[] {
  const inherited = pickPolicyKeys(topLevel);
  const reportedAtTop = new Set(topLevelProblems.map((p) => `${p.code} ${p.option}`));
  const seen = new Map<string, string>();
  const validated: ValidatedRoute[] = [];
  routes.forEach((route, i) => {
    if (typeof route !== 'object' || route === null) {
      problems.push({
        code: 'option-type',
        option: `routes[${i}]`,
        value: route,
        message: say.routeType(),
      });
      return;
    }
    const own = route as RawPolicy;
    const name = routeName(own, i, problems);
    const prefix = `${name}.`;
    problems.push(...unknownKeyProblems(own, ROUTE_KEYS, prefix));
    const path = own['path'];
    const pathProblem = typeof path === 'string' ? routePathProblem(path) : 'must be a string';
    if (pathProblem !== undefined || typeof path !== 'string') {
      problems.push({
        code: 'route-path-invalid',
        option: `${prefix}path`,
        value: path,
        message: say.routePathInvalid(path, pathProblem ?? ''),
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
        message: say.routeDuplicate(path, methods, first),
      });
      return;
    }
    seen.set(key, name);
    if (own['disabled'] === true) {
      for (const extra of Object.keys(own)) {
        if (extra === 'path' || extra === 'method' || extra === 'disabled' || extra === 'label')
          continue;
        problems.push({
          code: 'option-unknown',
          option: `${prefix}${extra}`,
          value: own[extra],
          message: say.disabledExtra(),
        });
      }
      validated.push({ path, methods, policy: 'disabled' });
      return;
    }
    if (own['disabled'] !== undefined && own['disabled'] !== false) {
      problems.push({
        code: 'option-type',
        option: `${prefix}disabled`,
        value: own['disabled'],
        message: say.disabledType(),
      });
    }
    const ownKeys = new Set(Object.keys(pickPolicyKeys(own)));
    const result = validatePolicy(
      { ...inherited, ...pickPolicyKeys(own) },
      prefix,
      ownKeys.has('credentials'),
    );
    for (const problem of result.problems) {
      const atTop = reportedAtTop.has(`${problem.code} ${problem.option.slice(prefix.length)}`);
      if (atTop && !concernsKeys(problem, ownKeys) && problem.code !== 'origins-missing') continue;
      problems.push(inheritedEntryProblem(problem, own, inherited, prefix) ?? problem);
    }
    if (result.problems.length === 0) validated.push({ path, methods, policy: result.policy });
  });
  return validated;
}

/**
 * A route that turns an opt-in flag off while inheriting the entry the flag allowed: the problem is
 * the route's flag, and the fix is the route's own list without that entry.
 */
function inheritedEntryProblem(
  problem: CorsConfigProblem,
  own: RawPolicy,
  inherited: RawPolicy,
  prefix: string,
): CorsConfigProblem | undefined {
  const flag = OPT_IN_FLAGS[problem.code];
  const key = /^(origins|credentials)\[/.exec(problem.option.slice(prefix.length))?.[1];
  if (flag === undefined || key === undefined || own[key] !== undefined) return undefined;
  const list = inherited[key];
  if (!Array.isArray(list)) return undefined;
  const kept = list.filter((entry) => entry !== problem.value).map(String);
  return {
    code: problem.code,
    option: `${prefix}${flag}`,
    value: own[flag],
    message: say.routeFlagInherited(flag, problem.value, key, kept),
  };
}
