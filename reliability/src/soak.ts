import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isPolicyId } from './policies.ts';
import type { AdapterId } from './servers/types.ts';
import { ADAPTER_IDS, isAdapterId } from './servers/types.ts';
import type { SoakResult } from './soak-run.ts';
import { formatResult, soak } from './soak-run.ts';

/**
 * pnpm soak [--adapter express[,koa…]] [--requests 1000000] [--warmup 50000]
 *           [--connections 8] [--time-cap <seconds per adapter>] [--policy list-credentials]
 *           [--node-env production] [--control] [--semi-space <MB>] [--quiet] [--no-write]
 *
 * --control runs the same applications and traffic without Corsica (only 5xx and transport
 * errors count): what the framework and Node do to memory, to compare with. --semi-space fixes
 * V8's young generation at that size in the server, so that its growth does not show as RSS.
 *
 * Runs each adapter's soak in turn, prints one line per adapter, and merges the results into
 * SOAK.md (one row per adapter and request count, the latest run kept).
 */

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    adapter: { type: 'string', multiple: true },
    requests: { type: 'string', default: '1000000' },
    warmup: { type: 'string', default: '50000' },
    connections: { type: 'string', default: '8' },
    'time-cap': { type: 'string' },
    policy: { type: 'string', default: 'list-credentials' },
    'node-env': { type: 'string', default: 'production' },
    control: { type: 'boolean', default: false },
    'semi-space': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});

const adapters: AdapterId[] = [];
for (const value of (values.adapter ?? [...ADAPTER_IDS]).flatMap((a) => a.split(','))) {
  if (!isAdapterId(value)) {
    console.error(`unknown adapter "${value}"; one of ${ADAPTER_IDS.join(', ')}`);
    process.exit(2);
  }
  adapters.push(value);
}
if (!isPolicyId(values.policy)) {
  console.error(`unknown policy "${values.policy}"`);
  process.exit(2);
}
const count = (name: string, value: string): number => {
  const parsed = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    console.error(`--${name}: not a count: ${value}`);
    process.exit(2);
  }
  return parsed;
};
const requests = count('requests', values.requests);
const warmup = count('warmup', values.warmup);
const connections = Math.max(1, count('connections', values.connections));
// Default cap: a minute plus a millisecond per request (1,000 req/s at the slowest), per adapter.
const timeCapSeconds =
  values['time-cap'] === undefined
    ? 60 + Math.ceil((requests + warmup) / 1000)
    : count('time-cap', values['time-cap']);

console.log(
  `soak: ${adapters.join(', ')}; ${warmup.toLocaleString('en-US')} warm-up + ` +
    `${requests.toLocaleString('en-US')} requests each, ${connections} keep-alive connections, ` +
    `policy ${values.policy}, NODE_ENV=${values['node-env']}${values.control ? ', CONTROL RUN WITHOUT CORSICA' : ''}, cap ${timeCapSeconds} s per adapter`,
);

const results: SoakResult[] = [];
for (const adapter of adapters) {
  try {
    const result = await soak({
      adapter,
      requests,
      warmup,
      connections,
      timeCapSeconds,
      policy: values.policy,
      nodeEnv: values['node-env'],
      control: values.control,
      semiSpaceMB:
        values['semi-space'] === undefined ? undefined : count('semi-space', values['semi-space']),
      ...(values.quiet ? {} : { progress: (line: string) => console.error(`  … ${line}`) }),
    });
    results.push(result);
    console.log(formatResult(result));
  } catch (error) {
    console.log(`${adapter.padEnd(13)} FAILED TO RUN: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

if (!values['no-write'] && results.length > 0) writeReport(results);
if (results.some((result) => result.errors > 0 || !result.complete)) process.exitCode = 1;

// ---------------------------------------------------------------------------------------------

interface Row {
  readonly date: string;
  readonly machine: string;
  readonly commit: string;
  readonly connections: number;
  readonly result: SoakResult;
}

function writeReport(fresh: readonly SoakResult[]): void {
  const file = fileURLToPath(new URL('../SOAK.md', import.meta.url));
  const marker = '<!-- soak-data ';
  let rows: Row[] = [];
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf(marker);
    if (start !== -1) {
      const end = text.indexOf(' -->', start);
      try {
        rows = JSON.parse(text.slice(start + marker.length, end)) as Row[];
      } catch {
        rows = [];
      }
    }
  }
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const machine = machineInfo();
  const commit = commitInfo();
  for (const result of fresh) {
    // One row per adapter, request count, NODE_ENV and mode: the latest run.
    const key = (r: SoakResult): string =>
      `${r.adapter}/${r.requested}/${r.nodeEnv ?? 'production'}/${r.control ?? false}/${r.semiSpaceMB ?? ''}`;
    rows = rows.filter((row) => key(row.result) !== key(result));
    rows.push({ date, machine, commit, connections, result });
  }
  rows.sort(
    (a, b) =>
      b.result.requested - a.result.requested ||
      ADAPTER_IDS.indexOf(a.result.adapter) - ADAPTER_IDS.indexOf(b.result.adapter) ||
      Number(a.result.control ?? false) - Number(b.result.control ?? false) ||
      (a.result.nodeEnv ?? '').localeCompare(b.result.nodeEnv ?? ''),
  );
  const mb = (value: number | undefined): string =>
    value === undefined ? 'n/a' : `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
  const lines = [
    '# Soak results',
    '',
    'Generated by `pnpm soak` (`reliability/src/soak.ts`); do not edit by hand. Each row is the',
    'latest run for that adapter and request count. Goal: 0 errors and less than 10 MB of RSS',
    'growth per 1,000,000 requests.',
    '',
    'Each server runs alone in a child process (`node --expose-gc`), with the `list-credentials`',
    'policy; the client, in the parent process, sends a warm-up then the measured requests over',
    'keep-alive connections to 127.0.0.1, in a fixed cycle of ten kinds (allowed and denied',
    'preflights, allowed and denied actual requests, unique origins and header spellings, requests',
    "without Origin, the framework's 404), and checks the status, the body,",
    '`Access-Control-Allow-Origin` and `Access-Control-Allow-Credentials` of every response.',
    'Memory is `process.memoryUsage()` in the server after `global.gc()`, at the end of the',
    'warm-up, half-way and at the end; growth is the difference (over the whole run, and over its',
    'second half, where a leak keeps growing and a plateau does not). "Heap used" is what live',
    'JavaScript objects take; "V8 heap reserved" (`heapTotal`) also grows when V8 enlarges its',
    'young generation under load (up to its maximum, then no more; its own column), which shows',
    'in RSS while nothing is retained. `NODE_ENV=production` is how servers are',
    "deployed, and turns the adapters' development log off; `development` keeps it on (a",
    'console line per denial, to stderr, which the parent reads and discards).',
    '',
    '| adapter | NODE_ENV, V8 | requests | warm-up | complete | errors | req/s | RSS growth (MB) | heap used growth (MB) | V8 heap reserved growth (MB) | of which young generation (MB) | 2nd half: RSS / heap used (MB) | RSS at end (MB) | seconds | date (UTC) | source |',
    '|---|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|',
  ];
  for (const { result, date: when, commit: at } of rows) {
    lines.push(
      `| ${result.control ? `${result.adapter} (control: no Corsica)` : result.adapter} | ${result.nodeEnv ?? 'production'}${result.semiSpaceMB === undefined ? '' : `, semi-space ${result.semiSpaceMB} MB`} | ${result.completed.toLocaleString('en-US')}` +
        `${result.complete ? '' : ` of ${result.requested.toLocaleString('en-US')}`}` +
        ` | ${result.warmup.toLocaleString('en-US')} | ${result.complete ? 'yes' : `**no**: ${result.stopped}`}` +
        ` | ${result.errors} | ${Math.round(result.requestsPerSecond).toLocaleString('en-US')}` +
        ` | ${mb(result.rssGrowthMB)} | ${mb(result.heapGrowthMB)} | ${mb(result.heapTotalGrowthMB ?? heapTotalGrowth(result))} | ${mb(result.newSpaceGrowthMB)}` +
        ` | ${mb(result.rssGrowthSecondHalfMB)} / ${mb(result.heapGrowthSecondHalfMB)}` +
        ` | ${result.memoryAtEnd === undefined ? 'n/a' : (result.memoryAtEnd.rss / 1024 / 1024).toFixed(1)}` +
        ` | ${result.seconds.toFixed(0)} | ${when} | ${at} |`,
    );
  }
  const withErrors = rows.filter((row) => Object.keys(row.result.errorKinds).length > 0);
  if (withErrors.length > 0) {
    lines.push('', '## Errors', '');
    for (const { result } of withErrors) {
      for (const [kind, { count: n, example }] of Object.entries(result.errorKinds))
        lines.push(
          `- ${result.adapter}, ${result.requested.toLocaleString('en-US')}: ${kind} ×${n} (e.g. ${example})`,
        );
    }
  }
  const machines = [...new Set(rows.map((row) => row.machine))];
  lines.push('', '## Machine', '', ...machines.map((m) => `- ${m}`), '');
  lines.push(`${marker}${JSON.stringify(rows)} -->`, '');
  writeFileSync(file, lines.join('\n'));
  console.log(`wrote ${file}`);
}

/** For rows written before the field existed. */
function heapTotalGrowth(result: SoakResult): number | undefined {
  const { memoryAfterWarmup: from, memoryAtEnd: to } = result;
  return from === undefined || to === undefined
    ? undefined
    : (to.heapTotal - from.heapTotal) / 1024 / 1024;
}

function machineInfo(): string {
  const cpu = cpus();
  return (
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${process.platform} ${process.arch}`
  );
}

/** The source soaked: `SOAK_SOURCE` when set (a snapshot outside git), else git's HEAD. */
function commitInfo(): string {
  const label = process.env['SOAK_SOURCE'];
  if (label !== undefined && label !== '') return label;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--', '../packages'], {
        encoding: 'utf8',
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      }).trim() !== '';
    return dirty ? `${head} + uncommitted packages/` : head;
  } catch {
    return 'unknown';
  }
}
