import type { CorsRequest } from '@corsica/cors-core';
import { createCors } from '@corsica/cors-core';
import type { Case, Settings } from '../measure.ts';
import { measureCases } from '../measure.ts';
import { nodeCorsRequest } from '../node-cors-request.ts';
import type { Scenario } from '../policy.ts';
import { CORSICA_OPTIONS, SCENARIO_REQUESTS, SCENARIOS } from '../policy.ts';
import type { Progress } from '../progress.ts';
import { formatNs } from '../progress.ts';

/** The core's `decide` alone on the shared policy: no framework, no header writes. */
export async function measureDecide(
  settings: Settings,
  progress: Progress,
): Promise<Record<Scenario, number>> {
  const cors = createCors(CORSICA_OPTIONS);
  const cases: Case<CorsRequest<unknown>>[] = SCENARIOS.map((scenario) => ({
    name: scenario,
    build: () => nodeCorsRequest(SCENARIO_REQUESTS[scenario]),
    run: (request: CorsRequest<unknown>) => cors.decide(request),
  }));
  const timings = await measureCases(cases as Case<unknown>[], settings, (round, rounds) =>
    progress(`  decide: round ${round}/${rounds}`),
  );
  for (const [name, { ns }] of timings) progress(`  decide · ${name}: ${formatNs(ns)}`);
  const decide = {} as Record<Scenario, number>;
  for (const scenario of SCENARIOS) decide[scenario] = timings.get(scenario)?.ns ?? Number.NaN;
  return decide;
}
