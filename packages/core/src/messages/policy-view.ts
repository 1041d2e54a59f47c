import type { OriginEntry } from '../config/origins.ts';
import type { NormalizedPolicy } from '../config/validate.ts';
import type { MethodRules } from '../protocol/preflight.ts';
import type { RequestHeaderRules } from '../protocol/request-headers.ts';

/** What denial messages say about the policy that made a decision, written once per policy. */
export interface PolicyView {
  readonly origins: string;
  readonly methods: string;
  /** The listed methods, or '*', to tell a case mistake from a missing method. */
  readonly methodNames: '*' | readonly string[];
  /** The longest method a preflight may ask for. */
  readonly maxMethodLength: number;
  readonly allowedHeaders: string;
  readonly maxNames: number;
  readonly maxTotalLength: number;
  readonly allowNullOrigin: boolean;
}

export function describePolicy(
  policy: NormalizedPolicy,
  headers: RequestHeaderRules,
  methods: MethodRules,
): PolicyView {
  const allowedHeaders = policy.allowedHeaders;
  return {
    origins: describeOrigins(policy),
    methods:
      policy.methods === '*'
        ? "any method ('*')"
        : `${policy.methods.length > 0 ? `${policy.methods.join(', ')} and ` : ''}the safelisted GET, HEAD and POST`,
    methodNames: policy.methods,
    maxMethodLength: methods.maxLength,
    allowedHeaders: allowedHeaders.wildcard
      ? `every name except Authorization ('*')${allowedHeaders.names.includes('authorization') ? ', and Authorization' : ''}`
      : allowedHeaders.names.length > 0
        ? allowedHeaders.names.join(', ')
        : 'no request headers beyond the safelisted ones',
    maxNames: headers.maxNames,
    maxTotalLength: headers.maxTotalLength,
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

/** The view of a path no policy covers, for the messages of decisions made there. */
export const NO_POLICY: PolicyView = {
  origins: 'no origin on this path',
  methods: 'none',
  methodNames: [],
  maxMethodLength: 0,
  allowedHeaders: 'none',
  maxNames: 0,
  maxTotalLength: 0,
  allowNullOrigin: false,
};
