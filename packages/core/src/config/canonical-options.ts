import type { OriginEntry } from './origins.ts';
import { writtenForm } from './origins.ts';
import type { NormalizedPolicy } from './validate.ts';
import { POLICY_KEYS } from './validate.ts';

/** Options whose normalized field has another name. */
const RENAMED = [
  ['dangerouslyAllowNullOrigin', 'allowNullOrigin'],
  ['dangerouslyAllowFileOrigins', 'allowFileOrigins'],
  ['dangerouslyAllowInsecureOrigins', 'allowInsecureOrigins'],
  ['dangerouslyAllowPublicSuffixPatterns', 'allowPublicSuffixPatterns'],
  ['timeout', 'timeoutMs'],
] as const;

/**
 * A validated policy written back as options: what `cors.getOptions()` returns. Every value is in
 * the form validation accepts unchanged (canonical origins, punycode hosts, lowercase header
 * names), so compiling it again gives the same policy; functions are passed by reference.
 *
 * @param only The keys to write (a route's own keys, so that it goes on inheriting the rest);
 * every key when left out.
 */
export function policyOptions(
  policy: NormalizedPolicy,
  only?: ReadonlySet<string>,
): Record<string, unknown> {
  const { origins, credentials, allowedHeaders } = policy;
  const written = (entries: readonly OriginEntry[]): string[] => entries.map(writtenForm);
  const all: Record<string, unknown> = {
    ...policy,
    origins:
      origins.kind === 'any'
        ? '*'
        : origins.kind === 'list'
          ? written(origins.entries)
          : origins.predicate,
    credentials:
      credentials.kind === 'list' ? written(credentials.entries) : credentials.kind === 'all',
    methods: copy(policy.methods),
    allowedHeaders: allowedHeaders.wildcard
      ? allowedHeaders.names.length === 0
        ? '*'
        : ['*', ...allowedHeaders.names]
      : [...allowedHeaders.names],
    exposedHeaders: copy(policy.exposedHeaders),
    preflight: { successStatus: policy.successStatus, continue: policy.continuePreflight },
    cache: policy.cache && { ...policy.cache },
  };
  for (const [option, field] of RENAMED) all[option] = all[field];
  const options: Record<string, unknown> = {};
  for (const key of POLICY_KEYS) {
    const value = all[key];
    if (value !== undefined && (only === undefined || only.has(key))) options[key] = value;
  }
  return options;
}

function copy(value: '*' | readonly string[]): '*' | string[] {
  return value === '*' ? value : [...value];
}
