/** One measured run: load one server with one request kind, and read its CPU time around the run. */
import { availableParallelism } from 'node:os';
import type { IpcChild } from './child.ts';
import { machineBusyMicros } from './machine.ts';
import type { BenchRequest } from './policy.ts';
import type { ChildMessage, LoadJob, LoadReply, SampleReply } from './protocol.ts';
import type { LoadSettings } from './settings.ts';

export interface Measurement {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /** Server CPU time (user + system, all its threads) per request it received, in microseconds. */
  readonly cpuMicrosPerRequest: number;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
  /**
   * Share of the machine's CPU capacity over the run that went to other processes (0 to 1), or
   * NaN where it cannot be read: a busy neighbour skews both req/s and CPU per request.
   */
  readonly foreignShare: number;
}

function replyOfType<T extends ChildMessage>(
  from: IpcChild,
  reply: ChildMessage,
  type: T['type'],
): T {
  if (reply.type !== type) throw new Error(`${from.name} answered ${reply.type} to ${type}`);
  return reply as T;
}

async function sample(server: IpcChild): Promise<SampleReply> {
  return replyOfType<SampleReply>(server, await server.ask({ type: 'sample' }), 'sample');
}

/** Loads `server` for `seconds` with `requests`, cycled on each connection. */
export async function load(
  loader: IpcChild,
  server: IpcChild,
  requests: readonly BenchRequest[],
  seconds: number,
  settings: LoadSettings,
): Promise<LoadReply> {
  const job: LoadJob = {
    type: 'load',
    url: `http://127.0.0.1:${server.port}`,
    requests,
    connections: settings.connections,
    pipelining: settings.pipelining,
    seconds,
  };
  return replyOfType<LoadReply>(loader, await loader.ask(job), 'load');
}

export async function measure(
  loader: IpcChild,
  server: IpcChild,
  request: BenchRequest,
  settings: LoadSettings,
): Promise<Measurement> {
  // The samples bracket the whole run; the server is idle just outside it, so the window holds the
  // run's work and little else (connection setup and teardown, spread over every request).
  const machineBefore = machineBusyMicros();
  const ownBefore = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  const before = await sample(server);
  const result = await load(loader, server, [request], settings.seconds, settings);
  const after = await sample(server);
  const wallMicros = Number(process.hrtime.bigint() - startedAt) / 1000;
  const own = process.cpuUsage(ownBefore);
  const machineAfter = machineBusyMicros();
  const served = after.served - before.served;
  const serverMicros = after.cpuMicros - before.cpuMicros;
  const benchMicros = serverMicros + result.cpuMicros + own.user + own.system;
  const foreignShare =
    machineBefore === undefined || machineAfter === undefined
      ? Number.NaN
      : Math.max(0, machineAfter - machineBefore - benchMicros) /
        (wallMicros * availableParallelism());
  return {
    requestsPerSecond: result.responses / result.seconds,
    p99Ms: result.p99Ms,
    cpuMicrosPerRequest: served > 0 ? serverMicros / served : Number.NaN,
    errors: result.errors,
    statuses: result.statuses,
    foreignShare,
  };
}

/** Time left for measuring disturbed runs again, and what was done with it. */
export class RetryBudget {
  #remainingMs: number;
  /** Runs measured again. */
  retried = 0;

  constructor(seconds: number) {
    this.#remainingMs = seconds * 1000;
  }

  get exhausted(): boolean {
    return this.#remainingMs <= 0;
  }

  spend(milliseconds: number): void {
    this.#remainingMs -= milliseconds;
    this.retried += 1;
  }
}

/**
 * `measure`, again while other processes took more than the allowed share of the machine and the
 * budget lasts; keeps the least disturbed attempt (chosen on the disturbance, not on the result).
 */
export async function measureLeastDisturbed(
  loader: IpcChild,
  server: IpcChild,
  request: BenchRequest,
  settings: LoadSettings,
  budget: RetryBudget,
): Promise<Measurement> {
  let kept = await measure(loader, server, request, settings);
  for (let attempt = 1; attempt < settings.maxAttempts; attempt++) {
    if (!(kept.foreignShare > settings.maxForeignShare) || budget.exhausted) break;
    const startedAt = Date.now();
    const again = await measure(loader, server, request, settings);
    budget.spend(Date.now() - startedAt);
    if (again.foreignShare < kept.foreignShare) kept = again;
  }
  return kept;
}
