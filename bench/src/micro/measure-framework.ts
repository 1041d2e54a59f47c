import { isDeepStrictEqual } from 'node:util';
import type { Case, Settings } from '../measure.ts';
import { measureCases } from '../measure.ts';
import type { Scenario } from '../policy.ts';
import { SCENARIOS } from '../policy.ts';
import type { Progress } from '../progress.ts';
import { formatNs } from '../progress.ts';
import type { FrameworkSubject, ResponseSnapshot, SubjectInfo, Variant } from './subject.ts';
import { VARIANTS } from './subject.ts';

/** Nanoseconds per request of the CORS work alone. */
export type VariantTimes = Readonly<Record<Variant, number>>;

export interface MeasuredFramework {
  readonly info: SubjectInfo;
  readonly times: Readonly<Record<Scenario, VariantTimes>>;
  /** What `next()` costs alone, subtracted from the GET scenarios (Hono), in nanoseconds. */
  readonly downstream: number | undefined;
  /** What the peer and Corsica left on the response, per scenario (the floor matches Corsica). */
  readonly outputs: Readonly<
    Record<Scenario, Readonly<Record<'peer' | 'corsica', ResponseSnapshot>>>
  >;
}

async function outputOf<T>(
  subject: FrameworkSubject<T>,
  scenario: Scenario,
  variant: Variant,
): Promise<ResponseSnapshot> {
  const input = subject.build(scenario, variant);
  const result =
    variant === 'peer'
      ? subject.runPeer(input)
      : variant === 'corsica'
        ? subject.runCorsica(input)
        : subject.runFloor(input);
  return subject.snapshot(input, await result, variant);
}

/**
 * Runs each variant once and checks that the floor wrote exactly what Corsica wrote: a floor
 * that wrote less would flatter itself. The peers' outputs are kept to show how they differ.
 */
async function checkOutputs<T>(
  subject: FrameworkSubject<T>,
): Promise<MeasuredFramework['outputs']> {
  const outputs = {} as Record<Scenario, Record<'peer' | 'corsica', ResponseSnapshot>>;
  for (const scenario of SCENARIOS) {
    const peer = await outputOf(subject, scenario, 'peer');
    const corsica = await outputOf(subject, scenario, 'corsica');
    const floor = await outputOf(subject, scenario, 'floor');
    if (!isDeepStrictEqual(floor, corsica)) {
      throw new Error(
        `${subject.framework}, ${scenario}: the floor's output differs from Corsica's\n` +
          `floor:   ${JSON.stringify(floor)}\ncorsica: ${JSON.stringify(corsica)}`,
      );
    }
    outputs[scenario] = { peer, corsica };
  }
  return outputs;
}

function infoOf(subject: SubjectInfo): SubjectInfo {
  const { framework, peer, corsica, objects, notes } = subject;
  return { framework, peer, corsica, objects, notes };
}

export async function measureFramework(
  subject: FrameworkSubject<unknown>,
  settings: Settings,
  progress: Progress,
): Promise<MeasuredFramework> {
  const outputs = await checkOutputs(subject);
  const runners: Readonly<Record<Variant, (input: unknown) => unknown>> = {
    peer: (input) => subject.runPeer(input),
    corsica: (input) => subject.runCorsica(input),
    floor: (input) => subject.runFloor(input),
  };
  const cases: Case<unknown>[] = [];
  for (const scenario of SCENARIOS) {
    for (const variant of VARIANTS) {
      cases.push({
        name: `${scenario}|${variant}`,
        build: () => subject.build(scenario, variant),
        run: runners[variant],
      });
    }
  }
  const downstreamOnly = subject.runDownstreamOnly?.bind(subject);
  if (downstreamOnly !== undefined) {
    cases.push({
      name: 'downstream',
      build: () => subject.build('allowed GET', 'downstream'),
      run: downstreamOnly,
    });
  }
  const timings = await measureCases(cases, settings, (round, rounds) =>
    progress(`  ${subject.framework}: round ${round}/${rounds}`),
  );
  for (const [name, { ns }] of timings)
    progress(`  ${subject.framework} · ${name.replace('|', ' · ')}: ${formatNs(ns)}`);
  const downstream = timings.get('downstream')?.ns;
  const times = {} as Record<Scenario, VariantTimes>;
  for (const scenario of SCENARIOS) {
    // The preflight never reaches next(): only the GETs carry the downstream cost.
    const overhead = scenario === 'allowed preflight' ? 0 : (downstream ?? 0);
    const time = (variant: Variant): number =>
      (timings.get(`${scenario}|${variant}`)?.ns ?? Number.NaN) - overhead;
    times[scenario] = { peer: time('peer'), corsica: time('corsica'), floor: time('floor') };
  }
  return { info: infoOf(subject), times, downstream, outputs };
}
