import { runInChildProcess } from '../isolate.ts';
import type { MicroFramework } from '../jobs.ts';
import { MICRO_FRAMEWORKS } from '../jobs.ts';
import type { Scenario } from '../policy.ts';
import type { Progress } from '../progress.ts';
import type { MeasuredFramework } from './measure-framework.ts';

export type { MeasuredFramework, VariantTimes } from './measure-framework.ts';

export interface SkippedFramework {
  readonly framework: string;
  readonly reason: string;
}

export interface MicroResults {
  /** Nanoseconds per call of the core's decide, or undefined when that job failed. */
  readonly decide: Readonly<Record<Scenario, number>> | undefined;
  readonly frameworks: readonly MeasuredFramework[];
  readonly skipped: readonly SkippedFramework[];
}

const DISPLAY_NAMES: Readonly<Record<MicroFramework, string>> = {
  express: 'express',
  koa: 'koa',
  fastify: 'fastify',
  hono: 'Hono',
};

/** The first line of a child's error: enough to say why a framework is missing from the report. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** decide alone, then each framework, each in a process of its own (see jobs.ts). */
export async function runMicro(quick: boolean, progress: Progress): Promise<MicroResults> {
  const frameworks: MeasuredFramework[] = [];
  const skipped: SkippedFramework[] = [];
  let decide: MicroResults['decide'];
  progress('micro: decide alone');
  try {
    const result = await runInChildProcess('decide', quick);
    if (result.job === 'decide') decide = result.decide;
  } catch (error) {
    progress(`micro: decide failed: ${reasonOf(error)}`);
  }
  for (const framework of MICRO_FRAMEWORKS) {
    progress(`micro: ${DISPLAY_NAMES[framework]}`);
    try {
      const result = await runInChildProcess(framework, quick);
      if (result.job === framework) frameworks.push(result.framework);
    } catch (error) {
      const reason = reasonOf(error);
      progress(`micro: ${DISPLAY_NAMES[framework]} not measured: ${reason}`);
      skipped.push({ framework: DISPLAY_NAMES[framework], reason });
    }
  }
  return { decide, frameworks, skipped };
}
