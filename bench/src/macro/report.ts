/** The Markdown section: a table per request kind, the cost of CORS as ratios, the targets, the noise floor. */
import type { ArmId } from './arms.ts';
import { armLabel } from './arms.ts';
import type { RunningServer } from './fleet.ts';
import type { Framework } from './frameworks.ts';
import { FRAMEWORKS } from './frameworks.ts';
import type { Measurement } from './measure.ts';
import type { RequestKind } from './policy.ts';
import { REQUEST_LABELS } from './policy.ts';
import type { LoadSettings } from './settings.ts';
import type { Spread } from './stats.ts';
import { spread } from './stats.ts';

export interface ServerRuns {
  readonly server: RunningServer;
  readonly runs: Readonly<Record<RequestKind, readonly Measurement[]>>;
}

export interface MacroRun {
  readonly settings: LoadSettings;
  /** Whether the load generator and the servers ran pinned to cores of their own. */
  readonly pinned: boolean;
  readonly machine: string;
  /** Runs measured again because other processes were busy during them. */
  readonly retried: number;
  readonly servers: readonly ServerRuns[];
}

const KINDS: readonly RequestKind[] = ['preflight', 'get'];
/** The share of the no-CORS GET throughput Corsica's Hono middleware should keep (the issue's target). */
const HONO_GET_TARGET = 0.85;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function fixed(digits: number): (value: number) => string {
  return (value) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
}

function signed(digits: number): (value: number) => string {
  return (value) => {
    if (!Number.isFinite(value)) return 'n/a';
    const text = value.toFixed(digits);
    return value > 0 ? `+${text}` : text.replace('-', '−');
  };
}

const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a');

/** "median [min–max]", or the median alone when there was one repetition. */
function formatSpread(value: Spread, format: (value: number) => string): string {
  if (value.min === value.max) return format(value.median);
  return `${format(value.median)} [${format(value.min)}–${format(value.max)}]`;
}

function runsOf(
  run: MacroRun,
  framework: Framework,
  arm: ArmId,
  kind: RequestKind,
): readonly Measurement[] {
  const found = run.servers.find(
    ({ server }) => server.arm.framework.id === framework.id && server.arm.id === arm,
  );
  return found?.runs[kind] ?? [];
}

/** `combine` of each repetition of `arm` with the same repetition of the no-CORS server. */
function paired(
  run: MacroRun,
  framework: Framework,
  arm: ArmId,
  kind: RequestKind,
  combine: (variant: Measurement, none: Measurement) => number,
): Spread {
  const baseline = runsOf(run, framework, 'none', kind);
  const values = runsOf(run, framework, arm, kind).map((measurement, repetition) => {
    const none = baseline[repetition];
    return none === undefined ? Number.NaN : combine(measurement, none);
  });
  return spread(values);
}

const throughputRatio = (variant: Measurement, none: Measurement): number =>
  variant.requestsPerSecond / none.requestsPerSecond;
/** The throughput ratio a server saturating its core would see: no-CORS CPU over variant CPU. */
const capacityRatio = (variant: Measurement, none: Measurement): number =>
  none.cpuMicrosPerRequest / variant.cpuMicrosPerRequest;
const cpuAdded = (variant: Measurement, none: Measurement): number =>
  variant.cpuMicrosPerRequest - none.cpuMicrosPerRequest;

function measurementsTable(run: MacroRun, kind: RequestKind): string[] {
  const lines = [
    '| framework | CORS | req/s | p99 (ms) | server CPU (µs/request) |',
    '|---|---|--:|--:|--:|',
  ];
  for (const framework of FRAMEWORKS) {
    const servers = run.servers.filter(({ server }) => server.arm.framework.id === framework.id);
    servers.forEach(({ server, runs }, index) => {
      const measurements = runs[kind];
      const cells = [
        index === 0 ? framework.label : '',
        armLabel(server.arm),
        formatSpread(spread(measurements.map((m) => m.requestsPerSecond)), integer.format),
        formatSpread(spread(measurements.map((m) => m.p99Ms)), fixed(2)),
        formatSpread(spread(measurements.map((m) => m.cpuMicrosPerRequest)), fixed(1)),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    });
  }
  return lines;
}

function costTable(run: MacroRun, kind: RequestKind): string[] {
  const lines = [
    '| framework | CORS | req/s vs no CORS | capacity vs no CORS | server CPU added (µs/request) |',
    '|---|---|--:|--:|--:|',
  ];
  for (const framework of FRAMEWORKS) {
    const arms: ArmId[] = framework.peer === undefined ? ['corsica'] : ['peer', 'corsica'];
    if (framework.id === 'hono') arms.push('passthrough');
    arms.push('none-again');
    arms.forEach((arm, index) => {
      const label =
        arm === 'none-again'
          ? 'A/A (noise)'
          : armLabel({ framework, id: arm, variant: arm === 'peer' ? 'peer' : 'corsica' });
      const cells = [
        index === 0 ? framework.label : '',
        label,
        formatSpread(paired(run, framework, arm, kind, throughputRatio), times),
        formatSpread(paired(run, framework, arm, kind, capacityRatio), times),
        formatSpread(paired(run, framework, arm, kind, cpuAdded), signed(1)),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    });
  }
  return lines;
}

/** Largest A/A difference of any framework and request kind: what the run cannot tell apart. */
function noiseFloor(run: MacroRun): { throughput: Spread; cpu: Spread } {
  const throughput: number[] = [];
  const cpu: number[] = [];
  for (const framework of FRAMEWORKS) {
    for (const kind of KINDS) {
      const aa = runsOf(run, framework, 'none-again', kind);
      const none = runsOf(run, framework, 'none', kind);
      aa.forEach((measurement, repetition) => {
        const baseline = none[repetition];
        if (baseline === undefined) return;
        throughput.push(throughputRatio(measurement, baseline));
        cpu.push(cpuAdded(measurement, baseline));
      });
    }
  }
  return { throughput: spread(throughput), cpu: spread(cpu) };
}

/** The largest CPU difference between the two no-CORS servers of `framework` for `kind`. */
function cpuNoiseOf(run: MacroRun, framework: Framework, kind: RequestKind): number {
  const aa = paired(run, framework, 'none-again', kind, cpuAdded);
  return Math.max(Math.abs(aa.min), Math.abs(aa.max));
}

function targetLines(run: MacroRun): string[] {
  const lines: string[] = [];
  for (const framework of FRAMEWORKS) {
    if (framework.peer === undefined) continue;
    const parts = KINDS.map((kind) => {
      const corsica = paired(run, framework, 'corsica', kind, cpuAdded).median;
      const peer = paired(run, framework, 'peer', kind, cpuAdded).median;
      const verdict = corsica < peer ? 'holds' : 'missed';
      const noise = cpuNoiseOf(run, framework, kind);
      const beyondNoise = Math.abs(peer - corsica) > noise ? '' : ', within the A/A noise';
      return `${kind === 'get' ? 'GET' : 'preflight'} ${signed(1)(corsica)} vs ${signed(1)(peer)} µs (${verdict}${beyondNoise}, A/A ±${fixed(1)(noise)})`;
    });
    lines.push(
      `- ${framework.label}, CPU added by Corsica vs ${framework.peer}: ${parts.join('; ')}.`,
    );
  }
  const hono = FRAMEWORKS.find((framework) => framework.id === 'hono');
  if (hono !== undefined) {
    const ratio = paired(run, hono, 'corsica', 'get', throughputRatio).median;
    const capacity = paired(run, hono, 'corsica', 'get', capacityRatio).median;
    const peer = paired(run, hono, 'peer', 'get', throughputRatio).median;
    const peerCapacity = paired(run, hono, 'peer', 'get', capacityRatio).median;
    const verdict = ratio >= HONO_GET_TARGET && capacity >= HONO_GET_TARGET ? 'holds' : 'missed';
    // What any middleware that awaits next() costs Hono, before it does any work of its own.
    const empty = paired(run, hono, 'passthrough', 'get', throughputRatio).median;
    const emptyCapacity = paired(run, hono, 'passthrough', 'get', capacityRatio).median;
    lines.push(
      `- Hono GET with Corsica keeps ≥ ${HONO_GET_TARGET}x of the no-CORS throughput: ${times(ratio)} measured, ${times(capacity)} by CPU (${verdict}); hono/cors: ${times(peer)} measured, ${times(peerCapacity)} by CPU; an empty middleware that awaits next(): ${times(empty)} measured, ${times(emptyCapacity)} by CPU.`,
    );
  }
  return lines;
}

function preflightWithoutCors(run: MacroRun): string {
  const answers = FRAMEWORKS.map((framework) => {
    const none = run.servers.find(
      ({ server }) => server.arm.framework.id === framework.id && server.arm.id === 'none',
    );
    return `${framework.label} ${none?.server.statuses.preflight ?? '?'}`;
  });
  return `Without CORS the preflight is just an \`OPTIONS\` to an app with one \`GET\` route: ${answers.join(', ')} (Express answers \`OPTIONS\` itself, with the route's \`Allow\`).`;
}

/** Responses whose status differs from the probe's, and connection errors: both should be zero. */
function anomalies(run: MacroRun): string[] {
  const lines: string[] = [];
  for (const { server, runs } of run.servers) {
    for (const kind of KINDS) {
      let unexpected = 0;
      let errors = 0;
      for (const measurement of runs[kind]) {
        errors += measurement.errors;
        for (const [status, count] of Object.entries(measurement.statuses))
          if (Number(status) !== server.statuses[kind]) unexpected += count;
      }
      if (unexpected + errors > 0)
        lines.push(
          `- ${server.arm.framework.label} / ${armLabel(server.arm)} / ${kind}: ${errors} connection errors, ${unexpected} responses with another status than when probed.`,
        );
    }
  }
  return lines;
}

/** How much other processes took of the machine during the kept runs (a shared machine). */
function disturbance(run: MacroRun): string {
  const shares = run.servers.flatMap(({ runs }) =>
    KINDS.flatMap((kind) => runs[kind].map((measurement) => measurement.foreignShare)),
  );
  const known = shares.filter((share) => Number.isFinite(share));
  if (known.length === 0)
    return 'CPU time of other processes during the runs could not be read (no /proc/stat).';
  const limit = run.settings.maxForeignShare;
  const over = known.filter((share) => share > limit).length;
  const percent = (value: number): string => `${(value * 100).toFixed(0)}%`;
  return `Other processes on the machine took ${formatSpread(spread(known), percent)} of its CPU during the kept runs; ${run.retried} run${run.retried === 1 ? ' was' : 's were'} measured again because they took more than ${percent(limit)}, and ${over} of ${known.length} kept runs are still above it.`;
}

export function renderReport(run: MacroRun): string {
  const { settings } = run;
  const noise = noiseFloor(run);
  const lines = [
    '## Macro',
    '',
    `Real HTTP on 127.0.0.1: autocannon with ${settings.connections} connections and pipelining ${settings.pipelining}, ${settings.seconds} s per run after ${settings.warmupSeconds} s of discarded warm-up per server; ${settings.repetitions} interleaved repetition${settings.repetitions === 1 ? '' : 's'} (each visits every framework and server, in a rotated order); cells are median [min–max] over the repetitions. Each server runs in its own process, from the workspace's TypeScript sources under tsx (\`--conditions=@corsica/source\`; tsx transforms at load only). **Server CPU** is that process's \`process.cpuUsage()\` (user + system, all threads) over the run, divided by the requests it received: the server's own work per request, whoever the bottleneck is. ${run.pinned ? 'The load generator and the server under test are pinned to different cores with `taskset`.' : 'Processes are not pinned (`taskset` unavailable or a single core): the client and the server share cores.'}`,
    '',
    `Machine: ${run.machine}. Pipelining keeps a server's core busy, which one client process on the other core cannot do one request at a time; browsers do not pipeline, so read p99 as queueing behind ${settings.pipelining - 1} other requests, and req/s as what one core of this small shared machine serves. Compare numbers within this section only; the CPU columns are the ones to trust for the cost of CORS.`,
    '',
  ];
  for (const kind of KINDS) {
    lines.push(`### ${REQUEST_LABELS[kind]}`, '', ...measurementsTable(run, kind), '');
    lines.push(
      `Cost of CORS (${kind === 'get' ? 'GET' : 'preflight'}), per repetition against the no-CORS server of the same framework:`,
      '',
    );
    lines.push(...costTable(run, kind), '');
  }
  lines.push(
    '"Capacity" is no-CORS CPU per request over the variant\'s: the throughput ratio a server that saturates its core would see. "CPU added" is the variant\'s CPU per request minus the no-CORS one.',
    '',
    preflightWithoutCors(run),
    '',
    `**A/A noise floor** (a second no-CORS process of the same app against the first, every framework and request kind): req/s ratio ${formatSpread(noise.throughput, times)}, CPU difference ${formatSpread(noise.cpu, signed(1))} µs/request.`,
    '',
    disturbance(run),
    '',
    '### Targets',
    '',
    ...targetLines(run),
  );
  const problems = anomalies(run);
  if (problems.length > 0) lines.push('', '**Anomalies**', '', ...problems);
  return `${lines.join('\n')}\n`;
}
