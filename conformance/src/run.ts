/**
 * `pnpm conformance:peers`: runs the testkit's conformance vectors against Corsica and its peers
 * (cors, @koa/cors, @fastify/cors, hono/cors), writes CONFORMANCE.md at the repository root and
 * prints each library's totals.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { peers } from './peers/index.ts';
import { renderReport, totals, versionsOf } from './report.ts';
import type { PeerRun } from './runner.ts';
import { runPeer } from './runner.ts';
import { REPOSITORY_ROOT } from './versions.ts';

const started = performance.now();
const runs: PeerRun[] = [];
for (const peer of peers) {
  const run = await runPeer(peer);
  runs.push(run);
  console.log(`${peer.id} (${versionsOf(peer)}): ${totals(run)}`);
}

const target = join(REPOSITORY_ROOT, 'CONFORMANCE.md');
writeFileSync(target, renderReport(runs, new Date()));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${relative(process.cwd(), target) || target} in ${seconds} s`);

// The reference row must pass everything: anything else is a regression in Corsica or the runner.
const corsica = runs.find((run) => run.peer.id === 'corsica');
if (corsica === undefined || corsica.failed > 0 || corsica.skipped > 0) process.exitCode = 1;
