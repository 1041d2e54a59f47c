/**
 * The macro benchmark: every framework with no CORS, with its usual CORS package and with Corsica,
 * over real HTTP on 127.0.0.1, each server in its own process so its CPU time can be read.
 */
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import type { Arm } from './arms.ts';
import { armLabel, armsOf, rotate } from './arms.ts';
import { canPin, IpcChild } from './child.ts';
import type { RunningServer } from './fleet.ts';
import { startServers } from './fleet.ts';
import { FRAMEWORKS } from './frameworks.ts';
import type { Measurement } from './measure.ts';
import { load, measureLeastDisturbed, RetryBudget } from './measure.ts';
import type { RequestKind } from './policy.ts';
import { REQUESTS } from './policy.ts';
import type { ServerRuns } from './report.ts';
import { renderReport } from './report.ts';
import { FULL_SETTINGS, QUICK_SETTINGS } from './settings.ts';

export interface MacroOptions {
  readonly quick: boolean;
}

/** With two cores: the client on one, the server under test on the other. */
const LOAD_CORE = 0;
const SERVER_CORE = 1;
const KINDS: readonly RequestKind[] = ['preflight', 'get'];

/** Progress on stderr (stdout carries the report), with the seconds since `startedAt`. */
function progressSince(startedAt: number): (line: string) => void {
  return (line) => {
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    process.stderr.write(`[macro ${seconds} s] ${line}\n`);
  };
}

function describeMachine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${model}, ${availableParallelism()} cores, ${memory} GiB, Node ${process.version}, Linux ${release()}`;
}

/** Runs the macro benchmark; returns the Markdown section (with its own `## Macro` heading). */
export async function runMacro(options: MacroOptions): Promise<string> {
  const settings = options.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  const pinned = canPin();
  const started: IpcChild[] = [];
  const progress = progressSince(Date.now());
  try {
    const loader = await IpcChild.start(
      'load generator',
      './load-process.ts',
      [],
      pinned ? LOAD_CORE : undefined,
    );
    started.push(loader);
    const arms: Arm[] = FRAMEWORKS.flatMap(armsOf);
    progress(`starting ${arms.length} servers${pinned ? ' (pinned)' : ''}`);
    const servers = await startServers(arms, pinned ? SERVER_CORE : undefined, started);

    progress(`warming up, ${settings.warmupSeconds} s per server`);
    for (const { process: server } of servers) {
      await load(
        loader,
        server,
        [REQUESTS.preflight, REQUESTS.get],
        settings.warmupSeconds,
        settings,
      );
    }

    const budget = new RetryBudget(settings.retrySeconds);
    const runs = new Map<RunningServer, Record<RequestKind, Measurement[]>>(
      servers.map((server) => [server, { preflight: [], get: [] }]),
    );
    for (let repetition = 0; repetition < settings.repetitions; repetition++) {
      for (const framework of FRAMEWORKS) {
        const ofFramework = servers.filter(({ arm }) => arm.framework.id === framework.id);
        for (const kind of KINDS) {
          for (const server of rotate(ofFramework, repetition)) {
            const measurement = await measureLeastDisturbed(
              loader,
              server.process,
              REQUESTS[kind],
              settings,
              budget,
            );
            runs.get(server)?.[kind].push(measurement);
          }
        }
        const summary = ofFramework
          .map((server) => {
            const cpu = runs.get(server)?.get.at(-1)?.cpuMicrosPerRequest ?? Number.NaN;
            return `${armLabel(server.arm)} ${cpu.toFixed(1)}`;
          })
          .join(', ');
        progress(
          `repetition ${repetition + 1}/${settings.repetitions}, ${framework.id}: GET µs/request ${summary}`,
        );
      }
    }

    const results: ServerRuns[] = servers.map((server) => ({
      server,
      runs: runs.get(server) ?? { preflight: [], get: [] },
    }));
    progress('done');
    return renderReport({
      settings,
      pinned,
      machine: describeMachine(),
      retried: budget.retried,
      servers: results,
    });
  } finally {
    await Promise.all(started.map((child) => child.stop()));
  }
}
