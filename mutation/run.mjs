// @ts-check
/**
 * `pnpm mutate [-- --package core] [-- --package koa --package fetch] [-- <stryker options>]`
 * `pnpm mutate -- --report [--survivors] [--package core]`: the scores (and surviving mutants) of
 * the last runs, read from the committed incremental state, without running anything.
 * `pnpm mutate -- --report --unexplained`: the surviving mutants that no `mutation/explained/`
 * file of their package names (as `file.ts:line:column`); exits 1 if there is any.
 * `pnpm mutate -- --report --json`: the same as JSON, for the documentation checks.
 *
 * Runs Stryker for each package (all of them by default), one after the other, from the package's
 * folder with its `stryker.config.mjs`, and prints each package's mutation score and run time.
 * Options other than `--package` go to `stryker run` as they are (`--force` re-tests every mutant
 * instead of reusing `mutation/incremental/<package>.json`).
 *
 * Not part of `.ci/run`: a full run takes far longer than CI allows (SECURITY.md gives the times).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = [
  'core',
  'node-http',
  'express',
  'koa',
  'fastify',
  'fetch',
  'hono',
  'hapi',
  'nest',
];

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const chosen = [];
const passThrough = [];
let reportOnly = false;
let listSurvivors = false;
let listUnexplained = false;
let asJson = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--package') chosen.push(args[++i]);
  else if (args[i] === '--report') reportOnly = true;
  else if (args[i] === '--survivors') listSurvivors = true;
  else if (args[i] === '--unexplained') listUnexplained = true;
  else if (args[i] === '--json') asJson = true;
  else passThrough.push(/** @type {string} */ (args[i]));
}
for (const name of chosen) {
  if (!PACKAGES.includes(/** @type {string} */ (name))) {
    console.error(`pnpm mutate: no package "${name}"; choose among ${PACKAGES.join(', ')}`);
    process.exit(2);
  }
}

if (reportOnly && asJson) {
  const scores = (chosen.length > 0 ? chosen : PACKAGES).map((name) => {
    const r = scoreOf(name, join(root, 'mutation', 'incremental', `${name}.json`));
    return { name, ...r, unexplained: unexplained(name, r.survivors) };
  });
  console.log(JSON.stringify(scores, null, 2));
  process.exit(0);
}

if (reportOnly) {
  let unexplainedCount = 0;
  console.log('package      score    killed survived no-cov timeout ignored');
  for (const name of chosen.length > 0 ? chosen : PACKAGES) {
    const file = join(root, 'mutation', 'incremental', `${name}.json`);
    const r = scoreOf(/** @type {string} */ (name), file);
    console.log(
      `${String(name).padEnd(12)} ${r.score.padStart(6)} ${String(r.killed).padStart(8)} ${String(r.survived).padStart(8)} ${String(r.noCoverage).padStart(6)} ${String(r.timeout).padStart(7)} ${String(r.ignored).padStart(7)}`,
    );
    if (listSurvivors) for (const line of r.survivors) console.log(`  ${line}`);
    if (listUnexplained) {
      const missing = unexplained(/** @type {string} */ (name), r.survivors);
      unexplainedCount += missing.length;
      for (const line of missing) console.log(`  unexplained: ${line}`);
    }
  }
  process.exit(unexplainedCount === 0 ? 0 : 1);
}

// Stryker copies a package into <repo>/.stryker-tmp/sandbox-*, at the depth of a package folder, so
// `../../tsconfig.base.json` resolves as in the package. Paths into a sibling package
// (`../../testkit/src` from core's tests) resolve through these links.
const sandboxes = join(root, '.stryker-tmp');
mkdirSync(sandboxes, { recursive: true });
for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
  const link = join(sandboxes, entry.name);
  if (entry.isDirectory() && !existsSync(link))
    symlinkSync(join('..', 'packages', entry.name), link);
}

/** @type {{ name: string, score: string, killed: number, survived: number, noCoverage: number, timeout: number, seconds: number, status: number | null }[]} */
const results = [];
for (const name of chosen.length > 0 ? chosen : PACKAGES) {
  const cwd = join(root, 'packages', /** @type {string} */ (name));
  console.log(`\n=== ${name}: stryker run ${passThrough.join(' ')}`);
  const started = Date.now();
  const run = spawnSync('pnpm', ['exec', 'stryker', 'run', ...passThrough], {
    cwd,
    stdio: 'inherit',
    // At most 100 cases per fast-check property (the tests' own counts go to 3,000): a surviving
    // mutant runs every test that covers it. `FC_RUNS=… pnpm mutate` for another count.
    env: { ...process.env, FC_RUNS: process.env['FC_RUNS'] ?? '100' },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({
    name: /** @type {string} */ (name),
    seconds,
    status: run.status,
    ...scoreOf(/** @type {string} */ (name), join(root, 'mutation', 'reports', `${name}.json`)),
  });
}

console.log('\npackage      score    killed survived no-cov timeout  time');
for (const r of results) {
  console.log(
    `${r.name.padEnd(12)} ${r.score.padStart(6)} ${String(r.killed).padStart(8)} ${String(r.survived).padStart(8)} ${String(r.noCoverage).padStart(6)} ${String(r.timeout).padStart(7)}  ${r.seconds} s${r.status === 0 ? '' : ` (exit ${r.status})`}`,
  );
}
process.exit(results.every((r) => r.status === 0) ? 0 : 1);

/**
 * The score of a package's last run, from a mutation report (Stryker's JSON report, or the
 * incremental state, which has the same shape): killed and timed-out mutants over every valid
 * mutant, as Stryker counts it (compile errors and ignored mutants are not valid).
 * @param {string} name
 * @param {string} report
 */
function scoreOf(name, report) {
  /** @type {string[]} */
  const survivors = [];
  const empty = {
    score: 'n/a',
    killed: 0,
    survived: 0,
    noCoverage: 0,
    timeout: 0,
    ignored: 0,
    survivors,
  };
  if (!existsSync(report)) return empty;
  /** @type {{ files: Record<string, { source: string, mutants: { status: string, mutatorName: string, replacement?: string, location: { start: { line: number, column: number } } }[] }> }} */
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const count = { Killed: 0, Survived: 0, NoCoverage: 0, Timeout: 0, Ignored: 0 };
  for (const [path, file] of Object.entries(json.files)) {
    const lines = file.source.split('\n');
    for (const mutant of file.mutants) {
      if (mutant.status in count) count[/** @type {keyof typeof count} */ (mutant.status)]++;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        const { line, column } = mutant.location.start;
        const code = (lines[line - 1] ?? '').trim().slice(0, 100);
        const by = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 60);
        survivors.push(
          `${name}/${path}:${line}:${column} ${mutant.status} ${mutant.mutatorName}: \`${code}\` → \`${by}\``,
        );
      }
    }
  }
  const valid = count.Killed + count.Survived + count.NoCoverage + count.Timeout;
  const detected = count.Killed + count.Timeout;
  return {
    score: valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(2)}%`,
    killed: count.Killed,
    survived: count.Survived,
    noCoverage: count.NoCoverage,
    timeout: count.Timeout,
    ignored: count.Ignored,
    survivors,
  };
}

/**
 * The survivors (lines of `scoreOf`) that no explanation names: the files of `mutation/explained/`
 * whose name starts with the package's (`core-routes.md`, `fastify.md`) must each hold
 * `file.ts:line:column` for every mutant left standing.
 * @param {string} name
 * @param {string[]} survivors
 */
function unexplained(name, survivors) {
  const folder = join(root, 'mutation', 'explained');
  const text = existsSync(folder)
    ? readdirSync(folder)
        .filter((file) => file.startsWith(name) && file.endsWith('.md'))
        .map((file) => readFileSync(join(folder, file), 'utf8'))
        .join('\n')
    : '';
  return survivors.filter((line) => {
    const where = /** @type {string} */ (line.split(' ')[0]);
    const short = where.slice(where.lastIndexOf('/') + 1);
    return !text.includes(short);
  });
}
