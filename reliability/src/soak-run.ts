import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryAnswer, MemorySample } from './child.ts';
import type { Tally } from './load.ts';
import { drive, newTally, SOAK_POLICY } from './load.ts';
import type { AdapterId } from './servers/types.ts';

/**
 * One adapter's soak: its server in a child process started with `--expose-gc`, a warm-up, a
 * memory sample after `global.gc()`, the measured run, a second sample, and a hard time cap.
 */

export interface SoakOptions {
  readonly adapter: AdapterId;
  readonly requests: number;
  readonly warmup: number;
  readonly connections: number;
  /** Seconds for warm-up and run together; past it the run stops and is reported incomplete. */
  readonly timeCapSeconds: number;
  readonly policy?: string;
  /**
   * The server's NODE_ENV: `production` (the default) as deployed, which also turns off the
   * adapters' development log; anything else keeps that log on (one console line per denial).
   */
  readonly nodeEnv?: string;
  /**
   * A control run: the same application and traffic without Corsica, to tell what the framework
   * and Node do to memory from what Corsica does. Only 5xx and transport errors count.
   */
  readonly control?: boolean;
  /**
   * Fixes V8's young generation (`--min-semi-space-size` = `--max-semi-space-size`, in MB) so
   * that its growth under load does not show as RSS growth: what is left is retained memory.
   */
  readonly semiSpaceMB?: number | undefined;
  /** Called with a line of progress now and then. */
  readonly progress?: (line: string) => void;
}

export interface SoakResult {
  readonly adapter: AdapterId;
  readonly policy: string;
  readonly nodeEnv: string;
  readonly control: boolean;
  readonly semiSpaceMB?: number | undefined;
  readonly requested: number;
  readonly warmup: number;
  /** Measured requests that got an answer or an error (warm-up excluded). */
  readonly completed: number;
  readonly complete: boolean;
  /** Why the run is incomplete. */
  readonly stopped?: string;
  /** Requests (warm-up included) that failed a check, and the counts by kind. */
  readonly errors: number;
  readonly errorKinds: Readonly<Record<string, { count: number; example: string }>>;
  readonly warmupErrors: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly memoryAfterWarmup: MemorySample | undefined;
  /** After `global.gc()` once half the measured requests are done. */
  readonly memoryAtHalf: MemorySample | undefined;
  readonly memoryAtEnd: MemorySample | undefined;
  readonly rssGrowthMB: number | undefined;
  readonly heapGrowthMB: number | undefined;
  /**
   * What V8 reserved for its heap: it grows when V8 enlarges its young generation under load (up
   * to 16 MB on Node 20), which shows in RSS without anything being retained.
   */
  readonly heapTotalGrowthMB: number | undefined;
  /** The young generation's share of it. */
  readonly newSpaceGrowthMB?: number | undefined;
  /** From half-way to the end: a leak keeps growing, a plateau does not. */
  readonly rssGrowthSecondHalfMB: number | undefined;
  readonly heapGrowthSecondHalfMB: number | undefined;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  exited: string | undefined;
  readonly stderr: string[];
}

/** Starts the adapter's server in a child process and waits for its port. */
async function startChild(
  adapter: AdapterId,
  policy: string,
  nodeEnv: string,
  control: boolean,
  semiSpaceMB: number | undefined,
): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      ...(semiSpaceMB === undefined
        ? []
        : [`--min-semi-space-size=${semiSpaceMB}`, `--max-semi-space-size=${semiSpaceMB}`]),
      '--conditions=@corsica/source',
      '--import',
      'tsx',
      CHILD,
      '--adapter',
      adapter,
      '--policy',
      policy,
      ...(control ? ['--no-cors'] : []),
    ],
    // tsx reads tsconfig.json from the working directory (experimentalDecorators, for Nest).
    {
      cwd: PACKAGE_DIR,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, NODE_ENV: nodeEnv },
    },
  );
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.join('').length < 20_000) stderr.push(chunk);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${adapter}: no port within 60 s\n${stderr.join('')}`));
    }, 60_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const match = /listening (\d+)/.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${adapter}: exited (${code ?? signal}) before listening\n${stderr.join('')}`),
      );
    });
  });
  const started: Child = { process: child, port, exited: undefined, stderr };
  child.once('exit', (code, signal) => {
    started.exited = `server exited (${code ?? signal})`;
  });
  return started;
}

/** `process.memoryUsage()` in the child after `global.gc()`. */
function memoryOf(child: Child): Promise<MemorySample | undefined> {
  if (child.exited !== undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.process.off('message', onMessage);
      resolve(undefined);
    }, 30_000);
    const onMessage = (message: MemoryAnswer): void => {
      if (message.type !== 'memory') return;
      clearTimeout(timer);
      child.process.off('message', onMessage);
      resolve(message.gc ? message.sample : undefined);
    };
    child.process.on('message', onMessage);
    child.process.send({ type: 'memory' });
  });
}

async function stopChild(child: Child): Promise<void> {
  if (child.exited !== undefined) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.disconnect();
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function kindsOf(tally: Tally): Record<string, { count: number; example: string }> {
  return Object.fromEntries(tally.errors);
}

export async function soak(options: SoakOptions): Promise<SoakResult> {
  const policy = options.policy ?? SOAK_POLICY;
  const progress = options.progress ?? (() => {});
  const nodeEnv = options.nodeEnv ?? 'production';
  const control = options.control ?? false;
  const child = await startChild(options.adapter, policy, nodeEnv, control, options.semiSpaceMB);
  const deadline = performance.now() + options.timeCapSeconds * 1000;
  const aborted = (): boolean => child.exited !== undefined;
  try {
    const warmTally = newTally();
    const warmed = await drive(
      {
        port: child.port,
        from: 0,
        count: options.warmup,
        connections: options.connections,
        deadline,
        aborted,
        control,
      },
      warmTally,
    );
    const memoryAfterWarmup = await memoryOf(child);
    progress(`${options.adapter}: warm-up ${warmed} requests, ${warmTally.failed} errors`);

    const tally = newTally();
    for (const [kind, entry] of warmTally.errors) tally.errors.set(`warm-up: ${kind}`, entry);
    const started = performance.now();
    let completed = 0;
    let memoryAtHalf: MemorySample | undefined;
    let measuring = 0;
    const chunk = Math.max(1, Math.min(100_000, Math.ceil(options.requests / 10)));
    while (completed < options.requests && performance.now() < deadline && !aborted()) {
      const count = Math.min(chunk, options.requests - completed);
      completed += await drive(
        {
          port: child.port,
          from: options.warmup + completed,
          count,
          connections: options.connections,
          deadline,
          aborted,
          control,
        },
        tally,
      );
      if (memoryAtHalf === undefined && completed >= options.requests / 2) {
        // Growth over the second half tells a plateau (caches filling, V8 sizing its young
        // generation) from a leak, which keeps growing.
        const before = performance.now();
        memoryAtHalf = await memoryOf(child);
        measuring += performance.now() - before;
      }
      const elapsed = (performance.now() - started) / 1000;
      progress(
        `${options.adapter}: ${completed}/${options.requests} in ${elapsed.toFixed(0)} s, ${tally.failed} errors`,
      );
    }
    const seconds = (performance.now() - started - measuring) / 1000;
    const memoryAtEnd = await memoryOf(child);
    const stopped =
      child.exited ??
      (completed < options.requests || warmed < options.warmup
        ? `time cap of ${options.timeCapSeconds} s reached`
        : undefined);
    const growth = (
      key: 'rss' | 'heapUsed' | 'heapTotal' | 'newSpace',
      from: MemorySample | undefined,
    ): number | undefined =>
      from === undefined || memoryAtEnd === undefined
        ? undefined
        : (memoryAtEnd[key] - from[key]) / MB;
    return {
      adapter: options.adapter,
      policy,
      nodeEnv,
      control,
      ...(options.semiSpaceMB === undefined ? {} : { semiSpaceMB: options.semiSpaceMB }),
      requested: options.requests,
      warmup: options.warmup,
      completed,
      complete: stopped === undefined,
      ...(stopped === undefined ? {} : { stopped }),
      errors: tally.failed + warmTally.failed,
      errorKinds: kindsOf(tally),
      warmupErrors: warmTally.failed,
      seconds,
      requestsPerSecond: seconds > 0 ? completed / seconds : 0,
      memoryAfterWarmup,
      memoryAtHalf,
      memoryAtEnd,
      rssGrowthMB: growth('rss', memoryAfterWarmup),
      heapGrowthMB: growth('heapUsed', memoryAfterWarmup),
      heapTotalGrowthMB: growth('heapTotal', memoryAfterWarmup),
      newSpaceGrowthMB: growth('newSpace', memoryAfterWarmup),
      rssGrowthSecondHalfMB: growth('rss', memoryAtHalf),
      heapGrowthSecondHalfMB: growth('heapUsed', memoryAtHalf),
    };
  } finally {
    await stopChild(child);
  }
}

/** One line per adapter, as the soak prints it. */
export function formatResult(result: SoakResult): string {
  const mb = (value: number | undefined): string =>
    value === undefined ? 'n/a' : `${value >= 0 ? '+' : ''}${value.toFixed(1)} MB`;
  const status = result.complete
    ? ''
    : `  INCOMPLETE (${result.completed.toLocaleString('en-US')} of ${result.requested.toLocaleString('en-US')}: ${result.stopped})`;
  const kinds = Object.entries(result.errorKinds)
    .map(([kind, { count, example }]) => `${kind} ×${count} (e.g. ${example})`)
    .join('; ');
  return (
    `${(result.control ? `${result.adapter} (no Corsica)` : result.adapter).padEnd(13)} ${result.completed.toLocaleString('en-US').padStart(10)} req` +
    `  ${String(result.errors).padStart(4)} errors` +
    `  ${Math.round(result.requestsPerSecond).toLocaleString('en-US').padStart(6)} req/s` +
    `  RSS ${mb(result.rssGrowthMB).padStart(9)}  heap ${mb(result.heapGrowthMB).padStart(9)}` +
    `  (V8 reserved ${mb(result.heapTotalGrowthMB)}, of which young generation ${mb(result.newSpaceGrowthMB)}; 2nd half: RSS ${mb(result.rssGrowthSecondHalfMB)}, heap ${mb(result.heapGrowthSecondHalfMB)})` +
    `  (${result.seconds.toFixed(1)} s)${status}${kinds === '' ? '' : `\n    ${kinds}`}`
  );
}
