import type { CorsDecision, CorsOptions, CorsRequest } from '@corsica/cors-core';
import { createCors } from '@corsica/cors-core';
import { cors as expressCors } from '@corsica/cors-express';
import type { NextFunction, Request, Response } from 'express';
import type { Case, Settings } from '../measure.ts';
import { measureCases } from '../measure.ts';
import { nodeCorsRequest } from '../node-cors-request.ts';
import { CORSICA_OPTIONS, PATH, REQUESTED_HEADERS, REQUESTED_METHOD } from '../policy.ts';
import type { Progress } from '../progress.ts';
import { formatNs } from '../progress.ts';
import type { RequestSpec } from '../requests.ts';
import { requestSpec } from '../requests.ts';
import type { MockExchange } from './mock-express.ts';
import { mockExchange } from './mock-express.ts';
import {
  exactOrigins,
  HOSTILE_100KB,
  headerNames,
  longestScannedUnderWildcard,
  originUnderPattern,
  requestHeaderValues,
  subdomainPatterns,
  UNLISTED_ORIGIN,
} from './policies.ts';

/** One row of the scale section: a policy, the requests sent to it, and what must come out. */
interface ScaleScenario {
  readonly group: string;
  readonly label: string;
  /** What is sent, whatever the size: rows of one group and kind differ only in `size`. */
  readonly kind: string;
  /** How many origins, patterns or names the row has. */
  readonly size?: number;
  readonly options: CorsOptions;
  /** Sent in turn, one per call, each with fresh strings. */
  readonly requests: readonly RequestSpec[];
  /** `'allowed'`, or the denial reason every request must get: the row measures what it says. */
  readonly expect: 'allowed' | NonNullable<CorsDecision['reason']>;
  /** Also measure the express adapter end to end on mock objects. */
  readonly endToEnd: boolean;
  /** Inputs per timed batch (large headers use fewer). */
  readonly batch?: number;
}

export interface ScaleRow {
  readonly group: string;
  readonly label: string;
  readonly kind: string;
  readonly size: number | undefined;
  /** Nanoseconds per call of `decide`. */
  readonly decide: number;
  /** Nanoseconds per call of the express middleware on mock objects, when measured. */
  readonly endToEnd: number | undefined;
}

export const ORIGIN_COUNTS = [1, 100, 10_000] as const;
const PATTERN_COUNTS = [1, 50] as const;
const HEADER_COUNTS = [1, 20, 200] as const;
/** Distinct origins a large list's requests rotate through: enough to leave no lookup cached. */
const ROTATION = 1024;
/** More distinct preflights than the core remembers (32 per policy), so each one is a miss. */
const DISTINCT_PREFLIGHTS = 64;

function get(origin: string): RequestSpec {
  return requestSpec('GET', PATH, [['origin', origin]]);
}

function preflight(origin: string, requestHeaders: string): RequestSpec {
  return requestSpec('OPTIONS', PATH, [
    ['origin', origin],
    ['access-control-request-method', REQUESTED_METHOD],
    ['access-control-request-headers', requestHeaders],
  ]);
}

/** Up to ROTATION members of `list`, spread over all of it. */
function spread<T>(list: readonly T[]): T[] {
  const step = Math.max(1, Math.floor(list.length / ROTATION));
  return list.filter((_, i) => i % step === 0).slice(0, ROTATION);
}

export const ORIGINS_GROUP = 'exact origins';

function originScenarios(): ScaleScenario[] {
  return ORIGIN_COUNTS.flatMap((count): ScaleScenario[] => {
    const origins = exactOrigins(count);
    const options: CorsOptions = { ...CORSICA_OPTIONS, origins };
    // The same listed origin each time isolates the index's work from memory effects; many in
    // turn is what a policy serving many tenants sees. Only the former compares 1 with 10,000.
    const one = origins[Math.floor(origins.length / 2)] as string;
    const many = spread(origins);
    const group = ORIGINS_GROUP;
    const label = `${count.toLocaleString('en-US')} origin${count === 1 ? '' : 's'}`;
    const rows: ScaleScenario[] = [
      {
        group,
        label: `${label}: allowed GET, one origin`,
        kind: 'allowed GET, one origin',
        size: count,
        options,
        requests: [get(one)],
        expect: 'allowed',
        endToEnd: true,
      },
      {
        group,
        label: `${label}: allowed preflight, one origin`,
        kind: 'allowed preflight, one origin',
        size: count,
        options,
        requests: [preflight(one, REQUESTED_HEADERS)],
        expect: 'allowed',
        endToEnd: true,
      },
      {
        group,
        label: `${label}: GET from an unlisted origin`,
        kind: 'GET from an unlisted origin',
        size: count,
        options,
        requests: [get(UNLISTED_ORIGIN)],
        expect: 'origin-not-allowed',
        endToEnd: true,
      },
    ];
    if (many.length > 1) {
      const turn = `${many.length.toLocaleString('en-US')} listed origins in turn`;
      rows.push(
        {
          group,
          label: `${label}: allowed GET, ${turn}`,
          kind: 'allowed GET, many origins',
          size: count,
          options,
          requests: many.map(get),
          expect: 'allowed',
          endToEnd: true,
        },
        {
          group,
          label: `${label}: allowed preflight, ${turn}`,
          kind: 'allowed preflight, many origins',
          size: count,
          options,
          requests: many.map((origin) => preflight(origin, REQUESTED_HEADERS)),
          expect: 'allowed',
          endToEnd: true,
        },
      );
    }
    return rows;
  });
}

function patternScenarios(): ScaleScenario[] {
  return PATTERN_COUNTS.flatMap((count): ScaleScenario[] => {
    const options: CorsOptions = { ...CORSICA_OPTIONS, origins: subdomainPatterns(count) };
    const group = 'subdomain patterns';
    const label = `${count} pattern${count === 1 ? '' : 's'}`;
    return [
      {
        group,
        label: `${label}: allowed GET (each pattern in turn)`,
        kind: 'allowed GET',
        size: count,
        options,
        requests: Array.from({ length: count }, (_, i) => get(originUnderPattern(i))),
        expect: 'allowed',
        endToEnd: true,
      },
      {
        group,
        label: `${label}: GET from an unlisted origin`,
        kind: 'GET from an unlisted origin',
        size: count,
        options,
        requests: [get(UNLISTED_ORIGIN)],
        expect: 'origin-not-allowed',
        endToEnd: true,
      },
    ];
  });
}

function requestHeaderScenarios(): ScaleScenario[] {
  const names = headerNames(Math.max(...HEADER_COUNTS));
  const options: CorsOptions = { ...CORSICA_OPTIONS, allowedHeaders: names };
  const origin = CORSICA_OPTIONS.origins as readonly string[];
  const from = origin[1] as string;
  const group = 'Access-Control-Request-Headers';
  return HEADER_COUNTS.flatMap((count): ScaleScenario[] => {
    const label = `${count} name${count === 1 ? '' : 's'}`;
    const [same] = requestHeaderValues(names, count, 1);
    const rows: ScaleScenario[] = [
      {
        group,
        label: `${label}, ${(same as string).length} B: same value each time`,
        kind: 'same value each time',
        size: count,
        options,
        requests: [preflight(from, same as string)],
        expect: 'allowed',
        endToEnd: true,
      },
    ];
    const distinct = requestHeaderValues(names, count, DISTINCT_PREFLIGHTS);
    // A single sorted value exists for all 200 names; over 1 KiB it is never remembered anyway.
    if (distinct.length === DISTINCT_PREFLIGHTS) {
      rows.push({
        group,
        label: `${label}: a different value each time (never remembered)`,
        kind: 'a different value each time',
        size: count,
        options,
        requests: distinct.map((value) => preflight(from, value)),
        expect: 'allowed',
        endToEnd: false,
      });
    }
    return rows;
  });
}

/**
 * The longest Access-Control-Request-Headers `allowedHeaders: '*'` still scans: the core's cap is
 * 256 names × (128 bytes + 9 for separators and whitespace) + 32 empty elements × 9.
 */
const WILDCARD_SCAN_CAP = 256 * (128 + 9) + 32 * 9;

export const HOSTILE_KIND = '100 KB';

function hostileScenarios(): ScaleScenario[] {
  const from = (CORSICA_OPTIONS.origins as readonly string[])[1] as string;
  const wildcard: CorsOptions = { ...CORSICA_OPTIONS, allowedHeaders: '*' };
  const group = 'hostile Access-Control-Request-Headers';
  const longest = longestScannedUnderWildcard(WILDCARD_SCAN_CAP);
  return [
    {
      group,
      label: '100 KB, shared policy',
      kind: HOSTILE_KIND,
      options: CORSICA_OPTIONS,
      requests: [preflight(from, HOSTILE_100KB)],
      expect: 'headers-over-limit',
      endToEnd: true,
      batch: 16,
    },
    {
      group,
      label: "100 KB, allowedHeaders: '*'",
      kind: HOSTILE_KIND,
      options: wildcard,
      requests: [preflight(from, HOSTILE_100KB)],
      expect: 'headers-over-limit',
      endToEnd: false,
      batch: 16,
    },
    {
      group,
      label: `${(longest.length / 1024).toFixed(1)} KB of 128-byte names (the longest scanned), allowedHeaders: '*'`,
      kind: 'longest scanned',
      options: wildcard,
      requests: [preflight(from, longest)],
      expect: 'headers-over-limit',
      endToEnd: false,
      batch: 32,
    },
  ];
}

/** Each call takes the next request of the list, with fresh strings. */
function rotation<T>(requests: readonly RequestSpec[], make: (spec: RequestSpec) => T): () => T {
  let next = 0;
  return () => {
    const spec = requests[next] as RequestSpec;
    next = next + 1 === requests.length ? 0 : next + 1;
    return make(spec);
  };
}

function outcome(decision: CorsDecision): string {
  return decision.allowed ? 'allowed' : String(decision.reason);
}

function noop(): void {}

function casesFor(scenario: ScaleScenario, index: number): Case<unknown>[] {
  const cors = createCors(scenario.options);
  for (const spec of scenario.requests) {
    const got = outcome(cors.decide(nodeCorsRequest(spec)) as CorsDecision);
    if (got !== scenario.expect)
      throw new Error(`scale, ${scenario.label}: expected ${scenario.expect}, got ${got}`);
  }
  const batch = scenario.batch === undefined ? {} : { batch: scenario.batch };
  const cases: Case<unknown>[] = [
    {
      name: `${index}|decide`,
      build: rotation(scenario.requests, nodeCorsRequest),
      run: (request: CorsRequest) => cors.decide(request),
      ...batch,
    },
  ];
  if (scenario.endToEnd) {
    const middleware = expressCors(cors);
    cases.push({
      name: `${index}|express`,
      build: rotation(scenario.requests, mockExchange),
      run: ({ req, res }: MockExchange) =>
        middleware(req as unknown as Request, res as unknown as Response, noop as NextFunction),
      ...batch,
    });
  }
  return cases;
}

/**
 * The scale section's groups, each measured in a process of its own: a process that had compiled
 * `decide` against 25 policies of every shape would time each of them on code tuned for none.
 */
export const SCALE_GROUPS = ['origins', 'patterns', 'request-headers', 'hostile'] as const;
export type ScaleGroup = (typeof SCALE_GROUPS)[number];

const GROUP_SCENARIOS: Readonly<Record<ScaleGroup, () => ScaleScenario[]>> = {
  origins: originScenarios,
  patterns: patternScenarios,
  'request-headers': requestHeaderScenarios,
  hostile: hostileScenarios,
};

export async function runScale(
  group: ScaleGroup,
  settings: Settings,
  progress: Progress,
): Promise<ScaleRow[]> {
  const scenarios = GROUP_SCENARIOS[group]();
  progress(`scale, ${group}: ${scenarios.length} rows`);
  const cases = scenarios.flatMap((scenario, index) => casesFor(scenario, index));
  const timings = await measureCases(cases, settings, (round, rounds) =>
    progress(`  scale, ${group}: round ${round}/${rounds}`),
  );
  for (const [name, { ns }] of timings) {
    const [index, what] = name.split('|');
    const scenario = scenarios[Number(index)] as ScaleScenario;
    progress(`  ${scenario.label} · ${what}: ${formatNs(ns)}`);
  }
  return scenarios.map((scenario, index) => ({
    group: scenario.group,
    label: scenario.label,
    kind: scenario.kind,
    size: scenario.size,
    decide: timings.get(`${index}|decide`)?.ns ?? Number.NaN,
    endToEnd: timings.get(`${index}|express`)?.ns,
  }));
}
