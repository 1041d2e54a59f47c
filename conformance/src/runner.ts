import type {
  Observation,
  RawRequest,
  RawResponse,
  TestServer,
  Vector,
} from '@corsica/cors-testkit';
import {
  checkVector,
  describeFailure,
  expandValue,
  HANDLER_MARKER,
  HANDLER_RAN,
  LARGE_HEADER_LIMIT,
  send,
  vectors,
} from '@corsica/cors-testkit';
import type { AnyPeer } from './peer.ts';
import { ConfigRejected } from './peer.ts';

/**
 * Runs every conformance vector against one library: each vector's policy goes through the peer's
 * mapper; a skip is recorded with its reason; otherwise the request is sent as raw HTTP to a
 * server configured with the mapped options (one server per distinct policy) and the response is
 * judged by the testkit's `checkVector`, exactly as Corsica's own conformance run judges it.
 */

export type Verdict =
  | { readonly id: string; readonly why: string; readonly status: 'pass' }
  | { readonly id: string; readonly why: string; readonly status: 'fail'; readonly failure: string }
  | { readonly id: string; readonly why: string; readonly status: 'skip'; readonly reason: string };

export interface PeerRun {
  readonly peer: AnyPeer;
  /** One per vector, sorted by vector id. */
  readonly verdicts: readonly Verdict[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

type Started = TestServer | ConfigRejected;

function requestOf(vector: Vector): RawRequest {
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(vector.request.headers))
    headers[name] = expandValue(value);
  return { method: vector.request.method, path: vector.request.path, headers };
}

function observe(response: RawResponse): Observation {
  const ran = response.headers[HANDLER_MARKER]?.[0] === HANDLER_RAN;
  return { status: response.status, passThrough: ran, headers: response.headers };
}

/** The vectors sorted by id (code-unit order, independent of the locale). */
export const sortedVectors: readonly Vector[] = [...vectors].sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);

/** Values longer than this are cut in the report (some vectors send 64-200 KB headers). */
const SHOWN = 100;

function shown(value: string): string {
  return value.length > SHOWN ? `${value.slice(0, SHOWN)}… (${value.length} bytes)` : value;
}

/**
 * What the library answered, as far as CORS goes: the status, whether the handler ran, and every
 * Access-Control-* and Vary field line (names sorted), so a reader can tell how bad a failure is
 * (the vectors check only what they must).
 */
export function describeObserved(response: RawResponse): string {
  const lines = Object.entries(response.headers)
    .filter(([name]) => name.startsWith('access-control-') || name === 'vary')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([name, values]) => values.map((value) => `${name}: ${shown(value)}`));
  const ran = response.headers[HANDLER_MARKER]?.[0] === HANDLER_RAN;
  return [
    `status ${response.status}, handler ${ran ? 'ran' : 'did not run'}`,
    ...(lines.length === 0 ? ['no Access-Control-* or Vary header'] : lines),
  ].join('; ');
}

async function judge(vector: Vector, started: Started): Promise<string | undefined> {
  if (started instanceof ConfigRejected) {
    const verdict = checkVector(vector, 'configRejected');
    return verdict.pass
      ? undefined
      : `${describeFailure(vector, verdict)}\n  (the library refused the options: ${started.message})`;
  }
  const response = await send(started.url, requestOf(vector));
  const verdict = checkVector(vector, observe(response));
  return verdict.pass
    ? undefined
    : `${describeFailure(vector, verdict)}\n  observed: ${describeObserved(response)}`;
}

export async function runPeer(peer: AnyPeer): Promise<PeerRun> {
  const servers = new Map<string, Promise<Started>>();
  const serverFor = (vector: Vector, options: unknown): Promise<Started> => {
    const key = JSON.stringify(vector.policy);
    let server = servers.get(key);
    if (server === undefined) {
      server = peer.start(options, LARGE_HEADER_LIMIT).catch((error: unknown) => {
        if (error instanceof ConfigRejected) return error;
        throw error;
      });
      servers.set(key, server);
    }
    return server;
  };
  const verdicts: Verdict[] = [];
  try {
    for (const vector of sortedVectors) {
      const base = { id: vector.id, why: vector.why };
      const mapped = peer.map(vector.policy);
      if ('skip' in mapped) {
        verdicts.push({ ...base, status: 'skip', reason: mapped.skip });
        continue;
      }
      let failure: string | undefined;
      try {
        failure = await judge(vector, await serverFor(vector, mapped.options));
      } catch (error) {
        failure = `${vector.id}: ${vector.why}\n  the request failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      verdicts.push(
        failure === undefined ? { ...base, status: 'pass' } : { ...base, status: 'fail', failure },
      );
    }
  } finally {
    const started = await Promise.allSettled(servers.values());
    await Promise.all(
      started.map((result) =>
        result.status === 'fulfilled' && !(result.value instanceof ConfigRejected)
          ? result.value.close()
          : undefined,
      ),
    );
  }
  const count = (status: Verdict['status']): number =>
    verdicts.filter((verdict) => verdict.status === status).length;
  return {
    peer,
    verdicts,
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
  };
}
