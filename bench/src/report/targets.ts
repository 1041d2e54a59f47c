import type { MicroResults } from '../micro/index.ts';
import { SCENARIOS } from '../policy.ts';
import type { ScaleRow } from '../scale/index.ts';
import { HOSTILE_KIND, ORIGIN_COUNTS, ORIGINS_GROUP } from '../scale/index.ts';
import { duration, times } from './format.ts';

/** The product goals the benchmark reports on. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** Undefined when the run did not measure it. */
  readonly holds: boolean | undefined;
}

export const FLOOR_LIMIT = 1.2;
export const DECIDE_PREFLIGHT_LIMIT_NS = 150;
export const FLATNESS = 0.2;
export const HOSTILE_LIMIT_NS = 5000;

function adapterTargets(micro: MicroResults | undefined): TargetCheck[] {
  const faster = 'Every Corsica adapter faster than its peer in all four scenarios';
  const nearFloor = `Every Corsica adapter within ${FLOOR_LIMIT}× of the floor`;
  if (micro === undefined || micro.frameworks.length === 0) {
    return [
      { target: faster, measured: 'not measured', holds: undefined },
      { target: nearFloor, measured: 'not measured', holds: undefined },
    ];
  }
  const slower: string[] = [];
  const overFloor: string[] = [];
  let count = 0;
  for (const { info, times: measured } of micro.frameworks) {
    for (const scenario of SCENARIOS) {
      const { peer, corsica, floor } = measured[scenario];
      count++;
      const againstPeer = corsica / peer;
      const againstFloor = corsica / floor;
      if (!(againstPeer < 1)) slower.push(`${info.framework} · ${scenario} ${times(againstPeer)}`);
      if (!(againstFloor <= FLOOR_LIMIT))
        overFloor.push(`${info.framework} · ${scenario} ${times(againstFloor)}`);
    }
  }
  const skipped = micro.skipped.map(({ framework }) => framework);
  const missing = skipped.length > 0 ? ` (not measured: ${skipped.join(', ')})` : '';
  const summary = (misses: string[]): string =>
    misses.length === 0
      ? `${count} of ${count}${missing}`
      : `${count - misses.length} of ${count}; misses: ${misses.join('; ')}${missing}`;
  return [
    {
      target: faster,
      measured: summary(slower),
      holds: slower.length === 0 && skipped.length === 0,
    },
    {
      target: nearFloor,
      measured: summary(overFloor),
      holds: overFloor.length === 0 && skipped.length === 0,
    },
  ];
}

function decideTarget(micro: MicroResults | undefined): TargetCheck {
  const target = `The core's allowed-preflight decision ≤ ${DECIDE_PREFLIGHT_LIMIT_NS} ns`;
  const ns = micro?.decide?.['allowed preflight'];
  if (ns === undefined) return { target, measured: 'not measured', holds: undefined };
  return { target, measured: duration(ns), holds: ns <= DECIDE_PREFLIGHT_LIMIT_NS };
}

/** Each kind of origin-list row at 10,000 origins against the same row at 1. */
export function flatnessRatios(
  rows: readonly ScaleRow[],
): { kind: string; decide: number; endToEnd: number | undefined }[] {
  const smallest = ORIGIN_COUNTS[0];
  const largest = ORIGIN_COUNTS[ORIGIN_COUNTS.length - 1];
  const origins = rows.filter((row) => row.group === ORIGINS_GROUP);
  const kinds = [...new Set(origins.map((row) => row.kind))];
  return kinds.flatMap((kind) => {
    const small = origins.find((row) => row.kind === kind && row.size === smallest);
    const large = origins.find((row) => row.kind === kind && row.size === largest);
    if (small === undefined || large === undefined) return [];
    const endToEnd =
      small.endToEnd === undefined || large.endToEnd === undefined
        ? undefined
        : large.endToEnd / small.endToEnd;
    return [{ kind, decide: large.decide / small.decide, endToEnd }];
  });
}

function flatnessTarget(scale: readonly ScaleRow[] | undefined): TargetCheck {
  const target = `Cost flat (±${FLATNESS * 100}%) from 1 to 10,000 exact origins`;
  if (scale === undefined) return { target, measured: 'not measured', holds: undefined };
  const ratios = flatnessRatios(scale);
  const within = (value: number | undefined): boolean =>
    value === undefined || Math.abs(value - 1) <= FLATNESS;
  const holds = ratios.every((r) => within(r.decide) && within(r.endToEnd));
  const measured = ratios
    .map(
      (r) =>
        `${r.kind}: decide ${times(r.decide)}${r.endToEnd === undefined ? '' : `, end to end ${times(r.endToEnd)}`}`,
    )
    .join('; ');
  return { target, measured: `10,000 / 1 origins: ${measured}`, holds };
}

function hostileTarget(scale: readonly ScaleRow[] | undefined): TargetCheck {
  const target = `A 100 KB hostile Access-Control-Request-Headers decided in ≤ ${duration(HOSTILE_LIMIT_NS)}`;
  const rows = scale?.filter((row) => row.kind === HOSTILE_KIND) ?? [];
  if (rows.length === 0) return { target, measured: 'not measured', holds: undefined };
  return {
    target,
    measured: rows.map((row) => `${row.label}: ${duration(row.decide)}`).join('; '),
    holds: rows.every((row) => row.decide <= HOSTILE_LIMIT_NS),
  };
}

export function evaluateTargets(
  micro: MicroResults | undefined,
  scale: readonly ScaleRow[] | undefined,
): TargetCheck[] {
  return [
    ...adapterTargets(micro),
    decideTarget(micro),
    flatnessTarget(scale),
    hostileTarget(scale),
  ];
}
