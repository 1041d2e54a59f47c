import type { CorsInput } from '@corsica/cors-core';
import type { AdapterHarness, CaseOptions } from '@corsica/cors-testkit';
import {
  faultCases,
  adapterCases as ownCases,
  securityCases,
  toCorsOptions,
  vectors,
} from '@corsica/cors-testkit';

/** Every case the kit runs against a server, whatever its group. */
const adapterCases = [...ownCases, ...securityCases, ...faultCases];

/**
 * Policies hold functions (origin predicates, `onError`), so they cannot cross a process boundary.
 * What crosses is the identity of the case that defines the policy: `vector:<id>` or `case:<id>`.
 * The Node side names the policy the kit asks for ({@link caseKeyOf}); the runtime rebuilds it from
 * the same testkit module ({@link policyOf}). A policy several cases share has one key: the first
 * case that defines it.
 */
export type CaseKey = `vector:${string}` | `case:${string}`;

function vectorPolicy(id: string): CorsInput | undefined {
  const vector = vectors.find((v) => v.id === id);
  return vector === undefined ? undefined : toCorsOptions(vector.policy);
}

/**
 * The policy a key names, built afresh from the testkit (in the runtime's own process). A case
 * whose policy is built for the harness (its predicates read the framework's request) gets a
 * harness that knows only how to read Host from what this entry point gives predicates.
 */
export function policyOf(key: string, hostOf: AdapterHarness['hostOf']): CorsInput {
  const separator = key.indexOf(':');
  const kind = key.slice(0, separator);
  const id = key.slice(separator + 1);
  const options: CaseOptions | CorsInput<unknown> | undefined =
    kind === 'vector'
      ? vectorPolicy(id)
      : kind === 'case'
        ? adapterCases.find((c) => c.id === id)?.options
        : undefined;
  if (options === undefined) throw new Error(`no testkit case defines the policy ${key}`);
  if (typeof options !== 'function') return options;
  return options({
    name: 'runtime child',
    hostOf,
    start: () => Promise.reject(new Error('policies are only built here, never started')),
  });
}

function holdsFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(holdsFunction);
}

/**
 * The key of a policy the kit passes to `start`: an adapter case's options (the first case that
 * defines them), or a vector's options (plain data, rebuilt by `toCorsOptions` on every start) by
 * value. A policy built for the harness is named by the case the kit says it is for.
 */
export function caseKeyOf(policy: CorsInput, caseId?: string): CaseKey {
  const named = adapterCases.find((c) => `case:${c.id}` === caseId);
  const options: CaseOptions | CorsInput<unknown> =
    typeof named?.options === 'function' ? named.options : policy;
  const adapterCase = adapterCases.find((c) => c.options === options);
  if (adapterCase !== undefined) return `case:${adapterCase.id}`;
  if (!holdsFunction(policy)) {
    const json = JSON.stringify(policy);
    const vector = vectors.find((v) => JSON.stringify(toCorsOptions(v.policy)) === json);
    if (vector !== undefined) return `vector:${vector.id}`;
  }
  throw new Error(
    'this policy is not one of the testkit cases: only those can be rebuilt in another runtime',
  );
}

/** Every key the kit can ask for, once each: one server per key is bound up front where needed. */
export function allCaseKeys(): CaseKey[] {
  const keys = new Set<CaseKey>();
  for (const vector of vectors) keys.add(caseKeyOf(toCorsOptions(vector.policy)));
  for (const adapterCase of adapterCases) {
    const { options } = adapterCase;
    keys.add(typeof options === 'function' ? `case:${adapterCase.id}` : caseKeyOf(options));
  }
  return [...keys];
}
