import type { CorsDenialReason, CorsHeader, CorsRequestKind } from '../types.ts';
import type { PolicyView } from './policy-view.ts';
import { quote } from './quote.ts';

/**
 * Every sentence a decision says about itself (`decision.message`): what happened and, for a
 * denial, the value that failed and the option change that would allow it.
 */

/** What a message needs to know about a decision. */
export interface DescribedDecision {
  readonly kind: CorsRequestKind;
  readonly allowed: boolean;
  readonly origin: string | undefined;
  readonly reason: CorsDenialReason | undefined;
  readonly value: string | undefined;
  readonly headers: readonly CorsHeader[];
  readonly vary: readonly string[];
  readonly status: number | undefined;
}

export function describeDecision(
  decision: DescribedDecision,
  view: PolicyView,
  detail: unknown,
): string {
  const { kind, origin, value, status } = decision;
  if (kind === 'non-cors') {
    const added =
      decision.headers.length > 0
        ? 'the static Access-Control-Allow-Origin: * it sends to everyone'
        : decision.vary.length > 0
          ? `Vary: ${decision.vary.join(', ')}, because the answer would differ with an Origin`
          : 'nothing';
    return `Not a CORS request: there is no Origin header, so the application answers and Corsica adds only ${added}.`;
  }
  const shownOrigin = quote(origin);
  const ending =
    status === undefined
      ? 'The request goes on to the application.'
      : `Corsica answers it with ${status}${decision.allowed ? '' : ' and no Access-Control-Allow-* headers'}.`;
  if (decision.allowed) {
    const credentialed = decision.headers.some(
      ([name]) => name === 'access-control-allow-credentials',
    );
    const withCredentials = credentialed ? ' with credentials' : '';
    if (kind === 'actual')
      return `Allowed: origin ${shownOrigin} may read this response${withCredentials}. ${ending}`;
    const who = `origin ${shownOrigin}${credentialed ? ' (with credentials)' : ''}`;
    const asked = decision.headers
      .filter(
        ([name]) =>
          name === 'access-control-allow-methods' || name === 'access-control-allow-headers',
      )
      .map(
        ([name, v]) =>
          `${name === 'access-control-allow-methods' ? 'method' : 'headers'} ${quote(v)}`,
      );
    const what = asked.length > 0 ? ` for ${asked.join(' and ')}` : '';
    return `Preflight allowed: ${who}${what}. ${ending}`;
  }
  const request = kind === 'preflight' ? 'Preflight denied' : 'Denied';
  const shown = quote(value);
  switch (decision.reason) {
    case 'origin-not-allowed':
      if (value === 'null') {
        return `${request}: Origin "null" comes from sandboxed iframes, file: and data: pages and cross-origin redirects, which any site can produce; it is allowed only when listed together with dangerouslyAllowNullOrigin. ${ending}`;
      }
      return `${request}: origin ${shown} is not allowed (the policy allows ${view.origins}). If this site should read responses, add ${shown} to origins. ${ending}`;
    case 'origin-malformed':
      return `${request}: the Origin header ${shown} is not a serialized origin (lowercase scheme://host[:port], no path); browsers never send that, so a non-browser client or a proxy produced it. ${ending}`;
    case 'origin-check-failed':
      return `${request}: the origins predicate ${describeFailure(detail)} for ${shown}, so the origin was denied; onError, if set, received the error. ${ending}`;
    case 'method-over-limit':
      return `${request}: Access-Control-Request-Method is ${(value as string).length} bytes long, over the ${view.maxMethodLength}-byte limit; no browser sends a method that long. ${ending}`;
    case 'method-malformed':
      return `${request}: Access-Control-Request-Method ${shown} is not a single method token. ${ending}`;
    case 'method-not-allowed': {
      const upper = (value as string).toUpperCase();
      const listed =
        view.methodNames === '*' ||
        view.methodNames.includes(upper) ||
        upper === 'GET' ||
        upper === 'HEAD' ||
        upper === 'POST';
      const caseHint =
        upper !== value
          ? ` Methods are case-sensitive and browsers only uppercase DELETE, GET, HEAD, OPTIONS, POST and PUT: the script sent ${shown}; write ${quote(upper)} in the fetch call${listed ? '' : ` and add ${quote(upper)} to methods`}.`
          : ` Add ${shown} to methods.`;
      return `${request}: method ${shown} is not allowed (the policy allows ${view.methods}).${caseHint} ${ending}`;
    }
    case 'header-not-allowed': {
      const lower = (value as string).toLowerCase();
      const hint =
        lower === 'authorization'
          ? " Authorization is never covered by '*' (Fetch); list it by name, e.g. allowedHeaders: ['*', 'Authorization']."
          : ` Add ${quote(value)} to allowedHeaders.`;
      return `${request}: request header ${shown} is not allowed (the policy allows ${view.allowedHeaders}).${hint} ${ending}`;
    }
    case 'header-malformed':
      return `${request}: Access-Control-Request-Headers contains ${shown}, which is not a header name. ${ending}`;
    case 'headers-over-limit':
      return `${request}: Access-Control-Request-Headers is ${(value as string).length} bytes long, over this policy's limit (${view.maxTotalLength} bytes, at most ${view.maxNames} names); no browser sends that much. ${ending}`;
    case 'path-unsafe':
      if (value === '') {
        return `${request}: the adapter could not read the request's path, so no route policy can be chosen for it; Corsica grants no CORS access to it. ${ending}`;
      }
      return `${request}: the request target ${shown} is not a plain path (dot segments, "//", a backslash, an encoded slash, backslash or unreserved character, or an absolute URL), which routers may resolve to another path; Corsica grants no CORS access to it. ${ending}`;
    case 'path-ambiguous':
      return `${request}: the path ${shown} could reach routes with different CORS policies depending on whether the router ignores letter case or a trailing slash, so Corsica grants no CORS access to this spelling. Request the path as the routes spell it. ${ending}`;
    case 'path-not-covered':
      return `${request}: no route of the policy covers the path ${shown}, and there is no top-level origins. ${ending}`;
    case 'cors-disabled':
      return `CORS is disabled for the path ${shown}; Corsica leaves the request to the application.`;
    default:
      return `${request}. ${ending}`;
  }
}

function describeFailure(detail: unknown): string {
  if (detail instanceof Error && detail.name === 'NonBoolean') {
    const returned = (detail as Error & { returned: unknown }).returned;
    return typeof returned === 'string'
      ? `returned the string ${quote(returned)} instead of true or false (Corsica writes the header itself; the predicate only says yes or no)`
      : `returned ${quote(returned)} instead of true or false`;
  }
  if (detail instanceof Error) return `threw ${quote(`${detail.name}: ${detail.message}`)}`;
  return `failed with ${quote(String(detail))}`;
}
