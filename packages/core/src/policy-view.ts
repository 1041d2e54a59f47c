import type { RequestHeaderRules } from './acrh.ts';
import type { PolicyView } from './decision.ts';
import type { OriginEntry } from './origin-syntax.ts';
import type { NormalizedPolicy } from './validate.ts';

/** What denial messages say about a policy, written once when the policy is compiled. */
export function describePolicy(policy: NormalizedPolicy, rules: RequestHeaderRules): PolicyView {
  const allowedHeaders = policy.allowedHeaders;
  return {
    origins: describeOrigins(policy),
    methods:
      policy.methods === '*'
        ? "any method ('*')"
        : `${policy.methods.length > 0 ? `${policy.methods.join(', ')} and ` : ''}the safelisted GET, HEAD and POST`,
    methodNames: policy.methods,
    longestMethod:
      policy.methods === '*' ? 0 : Math.max(0, ...policy.methods.map((method) => method.length)),
    allowedHeaders: allowedHeaders.wildcard
      ? `every name except Authorization ('*')${allowedHeaders.names.includes('authorization') ? ', and Authorization' : ''}`
      : allowedHeaders.names.length > 0
        ? allowedHeaders.names.join(', ')
        : 'no request headers beyond the safelisted ones',
    maxNames: rules.maxNames,
    maxTotalLength: rules.maxTotalLength,
    allowNullOrigin: policy.allowNullOrigin,
  };
}

function describeOrigins(policy: NormalizedPolicy): string {
  const source = (entry: OriginEntry): string =>
    entry.kind === 'exact' ? entry.origin : entry.source;
  const list = (entries: readonly OriginEntry[]): string => {
    const shown = entries.slice(0, 5).map((entry) => `"${source(entry)}"`);
    if (entries.length > 5) shown.push(`${entries.length - 5} more`);
    return shown.join(', ');
  };
  const credentialed =
    policy.credentials.kind === 'list'
      ? `, and with credentials ${list(policy.credentials.entries)}`
      : '';
  switch (policy.origins.kind) {
    case 'any':
      return `any origin ('*')${credentialed}`;
    case 'predicate':
      return `origins its predicate accepts${credentialed}`;
    default:
      return `${list(policy.origins.entries) || 'no origin'}${credentialed}`;
  }
}
