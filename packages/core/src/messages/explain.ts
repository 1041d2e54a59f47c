import type { OriginEntry } from '../config/origins.ts';
import type { CorsConfigError, CorsConfigProblem } from '../config/problems.ts';
import type { NormalizedPolicy } from '../config/validate.ts';
import { OriginPattern } from '../protocol/origin.ts';
import type { CorsDecision } from '../types.ts';
import type { PolicyView } from './policy-view.ts';
import { quote } from './quote.ts';

/**
 * Explanations, loaded only when someone asks for one (`cors.explain()`, `explainConfigError()`,
 * the development log): the failing check, the offending value and the option change that would
 * allow it, or why Corsica refuses on purpose; for an allowed request, the rule that allowed it.
 * Nothing here is on the path of a request, so it stays out of what `createCors` loads.
 */

/** What a decision tells its explanation: the policy that made it and any predicate failure. */
export interface Explained {
  readonly decision: CorsDecision;
  readonly view: PolicyView;
  readonly detail: unknown;
}

const source = (entry: OriginEntry): string =>
  entry.kind === 'exact' ? entry.origin : entry.source;

function listOf(entries: readonly OriginEntry[]): string {
  const shown = entries.slice(0, 5).map((entry) => quote(source(entry)));
  if (entries.length > 5) shown.push(`${entries.length - 5} more`);
  return shown.join(', ');
}

/** Who the policy lets read, in a few words. */
export function describeOrigins(policy: NormalizedPolicy): string {
  const credentialed =
    policy.credentials.kind === 'list'
      ? `, and with credentials ${listOf(policy.credentials.entries)}`
      : '';
  switch (policy.origins.kind) {
    case 'any':
      return `any origin ('*')${credentialed}`;
    case 'predicate':
      return `origins its predicate accepts${credentialed}`;
    default:
      return `${listOf(policy.origins.entries) || 'no origin'}${credentialed}`;
  }
}

function describeMethods(policy: NormalizedPolicy): string {
  if (policy.methods === '*') return "any method ('*')";
  const listed = policy.methods.length > 0 ? `${policy.methods.join(', ')} and ` : '';
  return `${listed}the safelisted GET, HEAD and POST`;
}

function describeAllowedHeaders(policy: NormalizedPolicy): string {
  const { wildcard, names } = policy.allowedHeaders;
  if (wildcard) {
    return `every name except Authorization ('*')${names.includes('authorization') ? ', and Authorization' : ''}`;
  }
  return names.length > 0 ? names.join(', ') : 'no request headers beyond the safelisted ones';
}

/** The entry of `entries` an origin matches, for "which rule allowed it". */
function matchingEntry(entries: readonly OriginEntry[], origin: string): string | undefined {
  for (const entry of entries) {
    if (
      entry.kind === 'exact' ? entry.origin === origin : new OriginPattern(entry).matches(origin)
    ) {
      return source(entry);
    }
  }
  return undefined;
}

/** Which rule of the policy allowed `origin`, and which gave it credentials. */
function matchedRule(policy: NormalizedPolicy, origin: string, credentialed: boolean): string {
  const allowedBy =
    policy.origins.kind === 'any'
      ? "origins: '*'"
      : policy.origins.kind === 'predicate'
        ? 'the origins predicate'
        : `origins entry ${quote(matchingEntry(policy.origins.entries, origin) ?? origin)}`;
  if (!credentialed) return allowedBy;
  const credentialsBy =
    policy.credentials.kind === 'list'
      ? `credentials entry ${quote(matchingEntry(policy.credentials.entries, origin) ?? origin)}`
      : 'credentials: true';
  return `${allowedBy}, with ${credentialsBy}`;
}

function where(view: PolicyView): string {
  return view.scope === '' ? '' : ` (route ${quote(view.scope)})`;
}

/** One short paragraph about one decision. */
export function explainDecision({ decision, view, detail }: Explained): string {
  const { kind, origin, value, status } = decision;
  const policy = view.policy;
  if (kind === 'non-cors') {
    const added =
      decision.headers.length > 0
        ? 'only the static Access-Control-Allow-Origin: * it sends to everyone'
        : decision.vary.length > 0
          ? `only Vary: ${decision.vary.join(', ')}, because the answer would differ with an Origin`
          : 'nothing';
    return `Not a CORS request: there is no Origin header, so the application answers and Corsica adds ${added}.`;
  }
  const shownOrigin = quote(origin);
  const ending =
    status === undefined
      ? 'The request goes on to the application.'
      : `Corsica answers it with ${status}${decision.allowed || decision.headers.length > 0 ? '' : ' and no Access-Control-Allow-* headers'}.`;
  if (decision.allowed) {
    const credentialed = decision.headers.some(
      ([name]) => name === 'access-control-allow-credentials',
    );
    const rule =
      policy === undefined
        ? ''
        : ` by ${matchedRule(policy, origin as string, credentialed)}${where(view)}`;
    if (kind === 'actual') {
      return `Allowed${rule}: origin ${shownOrigin} may read this response${credentialed ? ' with credentials' : ''}. ${ending}`;
    }
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
    return `Preflight allowed${rule}: origin ${shownOrigin}${credentialed ? ' (with credentials)' : ''}${what}. ${ending}`;
  }
  const request = kind === 'preflight' ? 'Preflight denied' : 'Denied';
  const shown = quote(value);
  const debugged =
    decision.headers.length > 0
      ? ' Debug mode answers it with the allowed part of what was asked, so the browser names what is missing; turn debug off in production.'
      : '';
  switch (decision.reason) {
    case 'origin-not-allowed':
      if (value === 'null') {
        return `${request}: Origin "null" comes from sandboxed iframes, file: and data: pages and cross-origin redirects, which any site can produce; it is allowed only when listed together with dangerouslyAllowNullOrigin. ${ending}`;
      }
      return `${request}: origin ${shown} is not allowed${where(view)} (the policy allows ${policy === undefined ? 'no origin on this path' : describeOrigins(policy)}). If this site should read responses, add ${shown} to origins. ${ending}`;
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
      const names = policy?.methods ?? [];
      const listed =
        names === '*' || names.includes(upper) || ['GET', 'HEAD', 'POST'].includes(upper);
      const caseHint =
        upper !== value
          ? ` Methods are case-sensitive and browsers only uppercase DELETE, GET, HEAD, OPTIONS, POST and PUT: the script sent ${shown}; write ${quote(upper)} in the fetch call${listed ? '' : ` and add ${quote(upper)} to methods`}.`
          : ` Add ${shown} to methods.`;
      return `${request}: method ${shown} is not allowed${where(view)} (the policy allows ${policy === undefined ? 'none' : describeMethods(policy)}).${caseHint}${debugged} ${ending}`;
    }
    case 'header-not-allowed': {
      const hint =
        (value as string).toLowerCase() === 'authorization'
          ? " Authorization is never covered by '*' (Fetch); list it by name, e.g. allowedHeaders: ['*', 'Authorization']."
          : ` Add ${quote(value)} to allowedHeaders.`;
      return `${request}: request header ${shown} is not allowed${where(view)} (the policy allows ${policy === undefined ? 'none' : describeAllowedHeaders(policy)}).${hint}${debugged} ${ending}`;
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
    case 'origin-check-timeout':
      return `${request}: the origins predicate did not answer for ${shown} within the policy's timeout (${view.timeoutMs} ms), so the origin was denied. Make the lookup faster, cache it (cache: { ttlMs }), or raise timeout. ${ending}`;
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

/**
 * Why Corsica refuses what it refuses, by problem code: the reasoning behind the short message
 * each problem already carries (which gives the value to write).
 */
const REASONS: Readonly<Partial<Record<CorsConfigProblem['code'], string>>> = {
  'origin-wildcard-with-credentials':
    "Browsers refuse Access-Control-Allow-Origin: * on credentialed requests. The usual workaround, reflecting every origin, lets any website read your users' data with their cookies: it is the bug behind cors GHSA-8gfh-8qhq-hv6f and @koa/cors GHSA-qxrj-hx23-xp82. A tiered policy (origins: '*', credentials: [your sites]) gives everyone anonymous reads and only your sites credentials.",
  'origin-regexp':
    'Regular expressions are how origin checks keep being bypassed: unanchored (evil-example.com), unescaped dots (exampleXcom), or stateful with /g (fastify-cors#151). Patterns are parsed once and matched by whole labels, so they cannot match more than they say.',
  'origin-null':
    'Origin: null is sent by sandboxed iframes, file: and data: documents and after cross-origin redirects; any site can create one, so allowing it with credentials is close to allowing everyone.',
  'origin-pattern-public-suffix':
    'Anyone can register a name under a public suffix (github.io, vercel.app, co.uk…), so a pattern over one allows strangers. Corsica checks a short built-in list, not the whole Public Suffix List.',
  'origin-insecure-with-credentials':
    'A plain-http page can be injected by anyone on the network path (public Wi-Fi, a proxy); with credentials, that page reads your users’ data.',
  'credentials-origin-not-allowed':
    'A credentialed grant needs both an allowed origin and a credentials match: credentials only choose which allowed origins send cookies, so an entry outside origins never gets anything. Usually the origin was meant to be allowed.',
  'private-network-with-any-origin':
    'Private Network Access lets a public page reach a device on your network; with origins: *, every website could.',
  'expose-wildcard-with-credentials':
    "On credentialed requests browsers read '*' in Access-Control-Expose-Headers as a header literally named '*', so nothing would be exposed.",
  'reconfigure-sync-async':
    'Code that holds a synchronous policy reads its decisions directly; an async predicate would hand it a promise instead. A policy with an async predicate may switch to synchronous checks, since every caller of an async policy already handles both.',
  'method-case':
    'Browsers uppercase only DELETE, GET, HEAD, OPTIONS, POST and PUT; methods are compared byte for byte, so a lowercase entry never matches what browsers send.',
  'origin-unicode':
    'Browsers send an internationalized host in its punycode (xn--) form, which the URL parser gives.',
  'origin-trailing-slash': 'An origin is scheme://host[:port]; the browser never sends a path.',
  'origin-uppercase': 'Browsers send the scheme and host in lowercase.',
  'origin-default-port':
    'Browsers leave the default port (443 for https, 80 for http) out of Origin.',
};

/** Every problem of a refused policy, each with its message and, where there is one, why. */
export function explainConfigError(error: CorsConfigError): string {
  const lines = [error.message.split('\n')[0] as string];
  for (const problem of error.problems) {
    lines.push('', `${problem.option} [${problem.code}]`, `  ${problem.message}`);
    const reason = REASONS[problem.code];
    if (reason !== undefined) lines.push(`  Why: ${reason}`);
  }
  return lines.join('\n');
}

/** One development log line about a decision: what was asked, then its explanation. */
export function logLine(
  explained: Explained,
  method: string | undefined,
  path: string | undefined,
): string {
  const { decision } = explained;
  const what = decision.kind === 'preflight' ? 'preflight' : 'request';
  const target = path === undefined ? '' : ` to ${quote(`${method ?? ''} ${path}`.trim())}`;
  return `CORS ${what} from ${quote(decision.origin)}${target}: ${explainDecision(explained)}`;
}
