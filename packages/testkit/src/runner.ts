import type { Cors, CorsDecision, CorsHeaderValue, CorsInput } from '@corsica/cors-core';
import { CorsConfigError, createCors, endedResponseHeaders } from '@corsica/cors-core';
import type { AdapterCase } from './adapter-cases.ts';
import { adapterCases, headerLimitOf } from './adapter-cases.ts';
import { faultCases } from './fault-cases.ts';
import type { AdapterHarness, TestServer } from './harness.ts';
import { HANDLER_MARKER, HANDLER_RAN, LARGE_HEADER_LIMIT } from './harness.ts';
import type { RawRequest, RawResponse } from './http-client.ts';
import { send } from './http-client.ts';
import { toCorsOptions } from './neutral-policy.ts';
import type { Observation } from './outcome.ts';
import { checkVector, describeFailure } from './outcome.ts';
import { reconfigureCases } from './reconfigure-cases.ts';
import { securityCases } from './security-cases.ts';
import type { Vector } from './vectors.ts';
import { expandValue, vectors } from './vectors.ts';

/**
 * Runs every conformance vector and every adapter case against an adapter, over real HTTP. One
 * server per distinct policy, reused by all the requests that share it, closed at the end.
 */

/**
 * Where a case comes from: a conformance vector, an adapter case, a security regression (one per
 * advisory class, `security-cases.ts`), a fault (`fault-cases.ts`) or a runtime reconfiguration
 * (`reconfigure-cases.ts`).
 */
export type CaseGroup = 'vector' | 'adapter' | 'security' | 'fault' | 'reconfigure';

export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly group: CaseGroup;
  readonly pass: boolean;
  /** Why it failed; empty when it passed. */
  readonly failures: readonly string[];
}

export interface ConformanceCase {
  readonly id: string;
  readonly title: string;
  readonly group: CaseGroup;
}

/** The cases run against a server, by group, in the order they run. */
const caseGroups: readonly (readonly [group: CaseGroup, cases: readonly AdapterCase[]])[] = [
  ['adapter', adapterCases],
  ['security', securityCases],
  ['fault', faultCases],
  ['reconfigure', reconfigureCases],
];

/** Every case the kit runs, known before anything starts (for test runners that list tests first). */
export const conformanceCases: readonly ConformanceCase[] = [
  ...vectors.map((vector) => ({ id: vector.id, title: vector.why, group: 'vector' as const })),
  ...caseGroups.flatMap(([group, cases]) =>
    cases.map((c) => ({ id: c.id, title: c.title, group })),
  ),
];

export interface RunOptions {
  /** Only the cases whose id passes. */
  readonly filter?: (id: string) => boolean;
}

type Started = TestServer | CorsConfigError;

class Servers {
  readonly #started = new Map<string, Promise<Started>>();
  constructor(readonly harness: AdapterHarness) {}

  get(
    key: string,
    caseId: string,
    cors: () => CorsInput<unknown>,
    maxHeaderSize: number | undefined,
  ): Promise<Started> {
    let server = this.#started.get(key);
    if (server === undefined) {
      // A harness may throw synchronously for an invalid policy, or reject: both are the same answer.
      server = Promise.resolve()
        .then(() => this.harness.start(cors(), { maxHeaderSize, caseId }))
        .catch((error: unknown) => {
          if (error instanceof CorsConfigError) return error;
          throw error;
        });
      this.#started.set(key, server);
    }
    return server;
  }

  async closeAll(): Promise<void> {
    const started = await Promise.allSettled(this.#started.values());
    await Promise.all(
      started.map((result) =>
        result.status === 'fulfilled' && !(result.value instanceof CorsConfigError)
          ? result.value.close()
          : undefined,
      ),
    );
  }
}

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

/**
 * The response must carry what the core's decision says to write, byte for byte: the same
 * Access-Control-* headers with the same values, exactly the decision's Vary tokens (the test
 * application sets no Vary of its own on these routes), and, on a response the CORS layer ends
 * itself, its status and `Content-Length: 0`. This is what makes every adapter answer identically.
 */
function compareWithCore(
  cors: Cors<unknown>,
  raw: RawRequest,
  response: RawResponse,
  harness: AdapterHarness,
): string[] {
  const lookup = new Map<string, CorsHeaderValue>();
  for (const [name, value] of Object.entries(raw.headers)) lookup.set(name.toLowerCase(), value);
  const decision = cors.decide({
    method: raw.method,
    header: (name) => lookup.get(name),
    path: raw.path,
  }) as CorsDecision;
  const written = endedResponseHeaders(decision);
  const failures: string[] = [];
  const expected = new Map(
    Object.entries(written).filter(([name]) => name.startsWith('access-control-')),
  );
  for (const [name, lines] of Object.entries(response.headers)) {
    if (!name.startsWith('access-control-')) continue;
    const value = expected.get(name);
    if (value === undefined) failures.push(`${name} was sent, but the core's decision has none`);
    else if (lines.length !== 1 || lines[0] !== value)
      failures.push(
        `${name} should be exactly ${JSON.stringify(value)}, was ${JSON.stringify(lines)}`,
      );
    expected.delete(name);
  }
  for (const [name, value] of expected)
    failures.push(`${name}: ${JSON.stringify(value)} is missing`);
  const sentVary = response.headers['vary']?.join(', ');
  if (sentVary !== written['vary'])
    failures.push(
      `Vary should be exactly ${JSON.stringify(written['vary'])}, was ${JSON.stringify(sentVary)}`,
    );
  if (decision.status !== undefined) {
    if (response.status !== decision.status) {
      failures.push(`status should be the decision's ${decision.status}, was ${response.status}`);
    }
    const length = response.headers['content-length']?.join(', ');
    const dropped = decision.status === 204 && harness.dropsContentLengthOn204 === true;
    if (dropped ? length !== undefined : length !== written['content-length']) {
      failures.push(
        `Content-Length should be ${dropped ? 'absent (the runtime drops it on a 204)' : JSON.stringify(written['content-length'])}, was ${JSON.stringify(length)}`,
      );
    }
  }
  return failures;
}

async function runVector(servers: Servers, vector: Vector): Promise<CaseResult> {
  const base = { id: vector.id, title: vector.why, group: 'vector' as const };
  const options = toCorsOptions(vector.policy);
  const started = await servers.get(
    `vector:${JSON.stringify(vector.policy)}`,
    `vector:${vector.id}`,
    () => options,
    LARGE_HEADER_LIMIT,
  );
  if (started instanceof CorsConfigError) {
    const verdict = checkVector(vector, 'configRejected');
    return {
      ...base,
      pass: verdict.pass,
      failures: verdict.pass ? [] : [describeFailure(vector, verdict)],
    };
  }
  const raw = requestOf(vector);
  const response = await send(started.url, raw);
  const verdict = checkVector(vector, observe(response));
  const failures = verdict.pass ? [] : [describeFailure(vector, verdict)];
  failures.push(...compareWithCore(createCors(options), raw, response, servers.harness));
  return { ...base, pass: failures.length === 0, failures };
}

/** One server per policy object and header limit: cases written with the same policy share it. */
const policyIds = new WeakMap<object, number>();
let nextPolicyId = 0;
function serverKey(adapterCase: AdapterCase): string {
  let id = policyIds.get(adapterCase.options);
  if (id === undefined) {
    id = nextPolicyId++;
    policyIds.set(adapterCase.options, id);
  }
  return `case:${id}:${headerLimitOf(adapterCase) ?? 'default'}`;
}

async function runAdapterCase(
  servers: Servers,
  adapterCase: AdapterCase,
  group: CaseGroup,
): Promise<CaseResult> {
  const base = { id: adapterCase.id, title: adapterCase.title, group };
  const limit = headerLimitOf(adapterCase);
  const options = adapterCase.options;
  const started = await servers.get(
    serverKey(adapterCase),
    `case:${adapterCase.id}`,
    () => (typeof options === 'function' ? options(servers.harness) : options),
    limit,
  );
  if ('refused' in adapterCase) {
    if (started instanceof CorsConfigError) return { ...base, pass: true, failures: [] };
    const failures = ['the policy was accepted: starting should fail with a CorsConfigError'];
    const { probe } = adapterCase;
    if (probe !== undefined) {
      const response = await send(started.url, probe);
      const granted = ['access-control-allow-origin', 'access-control-allow-credentials']
        .map((name) => `${name}: ${JSON.stringify(response.headers[name] ?? null)}`)
        .join(', ');
      failures.push(
        `${probe.method} ${probe.path} was then answered ${response.status}, ${granted}`,
      );
    }
    return { ...base, pass: false, failures };
  }
  if (started instanceof CorsConfigError)
    return { ...base, pass: false, failures: [`the policy was refused: ${started.message}`] };
  let failures: string[];
  if ('exchange' in adapterCase) {
    failures = await adapterCase.exchange(started.url);
  } else if ('requests' in adapterCase) {
    const responses: RawResponse[] = [];
    for (const request of adapterCase.requests) responses.push(await send(started.url, request));
    failures = adapterCase.checkAll(responses);
  } else {
    failures = adapterCase.check(await send(started.url, adapterCase.request), servers.harness);
  }
  return { ...base, pass: failures.length === 0, failures };
}

/** Runs the whole suite against `harness`; never throws for a failing case, only for a broken harness. */
export async function runConformance(
  harness: AdapterHarness,
  options: RunOptions = {},
): Promise<CaseResult[]> {
  const keep = options.filter ?? (() => true);
  const servers = new Servers(harness);
  const results: CaseResult[] = [];
  try {
    for (const vector of vectors) {
      if (keep(vector.id))
        results.push(
          await runVector(servers, vector).catch((error: unknown) =>
            crashed(vector.id, vector.why, 'vector', error),
          ),
        );
    }
    for (const [group, cases] of caseGroups) {
      for (const adapterCase of cases) {
        if (!keep(adapterCase.id)) continue;
        results.push(
          await runAdapterCase(servers, adapterCase, group).catch((error: unknown) =>
            crashed(adapterCase.id, adapterCase.title, group, error),
          ),
        );
      }
    }
  } finally {
    await servers.closeAll();
  }
  return results;
}

function crashed(id: string, title: string, group: CaseGroup, error: unknown): CaseResult {
  return {
    id,
    title,
    group,
    pass: false,
    failures: [`the request failed: ${error instanceof Error ? error.message : String(error)}`],
  };
}

/** `express 5: 149 passed, 0 failed`. */
export function summarize(harness: AdapterHarness, results: readonly CaseResult[]): string {
  const passed = results.filter((result) => result.pass).length;
  return `${harness.name}: ${passed} passed, ${results.length - passed} failed`;
}
