/**
 * One request of each kind to a server before it is measured: a benchmark of a server that answers
 * the wrong thing (no CORS headers, an error page) would measure nothing useful.
 */
import type { Arm } from './arms.ts';
import { armLabel } from './arms.ts';
import type { RequestKind } from './policy.ts';
import { REQUEST_ORIGIN, REQUESTS, RESPONSE_TEXT } from './policy.ts';

export type ProbeStatuses = Readonly<Record<RequestKind, number>>;

function problemsOf(arm: Arm, kind: RequestKind, response: Response, body: string): string[] {
  const problems: string[] = [];
  const header = (name: string): string => response.headers.get(name)?.toLowerCase() ?? '';
  const withCors = arm.variant === 'peer' || arm.variant === 'corsica';
  if (kind === 'get' && (response.status !== 200 || body !== RESPONSE_TEXT))
    problems.push(`GET answered ${response.status} ${JSON.stringify(body)}`);
  if (!withCors) {
    if (header('access-control-allow-origin') !== '') problems.push('CORS headers without CORS');
    return problems;
  }
  if (kind === 'preflight' && (response.status < 200 || response.status > 299))
    problems.push(`preflight answered ${response.status}`);
  if (header('access-control-allow-origin') !== REQUEST_ORIGIN)
    problems.push(
      `${kind}: Access-Control-Allow-Origin is '${header('access-control-allow-origin')}'`,
    );
  if (header('access-control-allow-credentials') !== 'true')
    problems.push(`${kind}: no Access-Control-Allow-Credentials`);
  if (kind === 'preflight') {
    if (!header('access-control-allow-methods').includes('put'))
      problems.push('preflight: PUT not allowed');
    if (!header('access-control-allow-headers').includes('x-api-key'))
      problems.push('preflight: X-Api-Key not allowed');
    if (header('access-control-max-age') !== '600') problems.push('preflight: no max-age 600');
  } else if (!header('access-control-expose-headers').includes('x-request-id')) {
    problems.push('GET: X-Request-Id not exposed');
  }
  return problems;
}

/** Checks `arm`'s server on `port`; resolves with the status each request kind gets. */
export async function probe(arm: Arm, port: number): Promise<ProbeStatuses> {
  const statuses: Record<RequestKind, number> = { preflight: 0, get: 0 };
  const problems: string[] = [];
  for (const kind of ['preflight', 'get'] as const) {
    const request = REQUESTS[kind];
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
      method: request.method,
      headers: request.headers,
    });
    statuses[kind] = response.status;
    problems.push(...problemsOf(arm, kind, response, await response.text()));
  }
  if (problems.length > 0)
    throw new Error(`${arm.framework.id} / ${armLabel(arm)}: ${problems.join('; ')}`);
  return statuses;
}
