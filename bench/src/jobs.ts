import type { Settings } from './measure.ts';
import { measureDecide } from './micro/decide.ts';
import type { MeasuredFramework } from './micro/measure-framework.ts';
import { measureFramework } from './micro/measure-framework.ts';
import type { FrameworkSubject } from './micro/subject.ts';
import type { Scenario } from './policy.ts';
import type { Progress } from './progress.ts';
import type { ScaleGroup, ScaleRow } from './scale/index.ts';
import { runScale, SCALE_GROUPS } from './scale/index.ts';

/**
 * The units of work each run in a process of their own. Corsica's four adapters share the core:
 * measured in one process, each would inherit the others' type feedback (decide calling four
 * request classes, say) and run slower than in any real server, which loads one adapter.
 */
export const MICRO_FRAMEWORKS = ['express', 'koa', 'fastify', 'hono'] as const;
export type MicroFramework = (typeof MICRO_FRAMEWORKS)[number];
export type ScaleJob = `scale:${ScaleGroup}`;
export const SCALE_JOBS: readonly ScaleJob[] = SCALE_GROUPS.map(
  (group): ScaleJob => `scale:${group}`,
);
export type Job = 'decide' | MicroFramework | ScaleJob;

export type JobResult =
  | { readonly job: 'decide'; readonly decide: Record<Scenario, number> }
  | { readonly job: MicroFramework; readonly framework: MeasuredFramework }
  | { readonly job: ScaleJob; readonly rows: ScaleRow[] };

/** Imported only in the process that measures it: an adapter that does not load fails alone. */
async function loadSubject(framework: MicroFramework): Promise<FrameworkSubject<unknown>> {
  switch (framework) {
    case 'express':
      return (await import('./micro/express.ts')).expressSubject;
    case 'koa':
      return (await import('./micro/koa.ts')).koaSubject;
    case 'fastify':
      return (await import('./micro/fastify.ts')).fastifySubject;
    case 'hono':
      return (await import('./micro/hono.ts')).honoSubject;
  }
}

export function isJob(name: string): name is Job {
  return (
    name === 'decide' ||
    (SCALE_JOBS as readonly string[]).includes(name) ||
    (MICRO_FRAMEWORKS as readonly string[]).includes(name)
  );
}

function isScaleJob(job: Job): job is ScaleJob {
  return job.startsWith('scale:');
}

export async function runJob(job: Job, settings: Settings, progress: Progress): Promise<JobResult> {
  if (job === 'decide') return { job, decide: await measureDecide(settings, progress) };
  if (isScaleJob(job)) {
    const group = job.slice('scale:'.length) as ScaleGroup;
    return { job, rows: await runScale(group, settings, progress) };
  }
  const subject = await loadSubject(job);
  return { job, framework: await measureFramework(subject, settings, progress) };
}
