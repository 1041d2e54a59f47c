/**
 * `pnpm bench`: runs the micro, scale and macro sections in that order (the macro one starts
 * servers and load generators, which would disturb the others) and writes BENCHMARKS.md.
 *
 *   pnpm bench                          the full run (about 10 minutes on 2 cores)
 *   pnpm bench -- --quick               one short round per case: checks that everything runs
 *   pnpm bench -- --only=micro,scale    some sections only (the file is rewritten whole)
 *
 * Not a test: numbers depend on the machine, and nothing here fails on a slow result.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInChildProcess } from './isolate.ts';
import { SCALE_JOBS } from './jobs.ts';
import { describeMachine } from './machine.ts';
import { runMacroSection } from './macro-section.ts';
import type { MicroResults } from './micro/index.ts';
import { runMicro } from './micro/index.ts';
import { parseOptions } from './options.ts';
import { progress } from './progress.ts';
import { renderReport } from './report/index.ts';
import { evaluateTargets } from './report/targets.ts';
import type { ScaleRow } from './scale/index.ts';
import { BENCH_ROOT, installedVersions } from './versions.ts';

/** The scale section: each group in a process of its own, like every micro job. */
async function runScaleSection(quick: boolean): Promise<ScaleRow[] | undefined> {
  const rows: ScaleRow[] = [];
  for (const job of SCALE_JOBS) {
    progress(job);
    try {
      const result = await runInChildProcess(job, quick);
      if ('rows' in result) rows.push(...result.rows);
    } catch (error) {
      progress(`${job} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
  return rows;
}

// Measured as servers are deployed: NODE_ENV=production, inherited by every child process, turns
// the adapters' development log off (one line per distinct denial; the peers have no such log).
process.env['NODE_ENV'] ??= 'production';
const options = parseOptions(process.argv.slice(2));
const machine = describeMachine();
const versions = installedVersions();
const started = performance.now();
if (machine.loadAtStart > machine.cores / 2) {
  progress(
    `warning: load average ${machine.loadAtStart.toFixed(2)} on ${machine.cores} cores; other work will inflate the numbers`,
  );
}

const micro: MicroResults | undefined = options.sections.has('micro')
  ? await runMicro(options.quick, progress)
  : undefined;
const scale: ScaleRow[] | undefined = options.sections.has('scale')
  ? await runScaleSection(options.quick)
  : undefined;
let macro: string | undefined;
if (options.sections.has('macro')) {
  progress('macro');
  const outcome = await runMacroSection(options.quick);
  macro = outcome.markdown;
  if (outcome.failed) process.exitCode = 1;
}

const seconds = (performance.now() - started) / 1000;
const targets = evaluateTargets(micro, scale);
const markdown = renderReport({
  machine,
  versions,
  options,
  seconds,
  targets,
  micro,
  scale,
  macro,
});
const output = join(BENCH_ROOT, 'BENCHMARKS.md');
writeFileSync(output, markdown);

// The raw numbers too, for comparing runs (bench/results is ignored by git and Biome).
const results = join(BENCH_ROOT, 'results');
mkdirSync(results, { recursive: true });
writeFileSync(
  join(results, 'latest.json'),
  `${JSON.stringify({ machine, versions: Object.fromEntries(versions), options: { ...options, sections: [...options.sections] }, seconds, targets, micro, scale }, null, 2)}\n`,
);

progress(`wrote ${output} in ${seconds.toFixed(0)} s`);
for (const { target, holds } of targets)
  progress(`  ${holds === undefined ? '-' : holds ? '✓' : '✗'} ${target}`);
