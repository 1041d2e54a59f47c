#!/usr/bin/env node
// @ts-check
/**
 * `pnpm test`: every package's `test` task through turbo, then one line per package and a total.
 *
 * Turbo shows the log of a task only when it fails (`--output-logs=errors-only`), whole and in one
 * piece (`--log-order=grouped`), and runs every task even after a failure (`--continue`), so all
 * failures show. Each vitest run writes its totals beside the package (`scripts/test-reporter.mjs`)
 * and this script prints them last. Arguments go to turbo: `pnpm test --filter @corsica/cors-koa`.
 * When stdout is not a terminal, nothing is coloured (NO_COLOR, FORCE_COLOR=0 for every child).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUMMARY_FILE } from './test-reporter.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const turbo = join(root, 'node_modules', '.bin', 'turbo');
const reporter = join(root, 'scripts', 'test-reporter.mjs');

const colour = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
/** @type {NodeJS.ProcessEnv} */
const env = colour ? process.env : { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

const separator = process.argv.indexOf('--', 2);
const turboArgs = process.argv.slice(2, separator === -1 ? undefined : separator);
const vitestArgs = [
  '--reporter=default',
  `--reporter=${reporter}`,
  ...(separator === -1 ? [] : process.argv.slice(separator + 1)),
];

/**
 * @typedef {object} TestTask
 * @property {string} name the package
 * @property {string} directory relative to the repository
 * @property {string} hash turbo's hash of the task, as the run will compute it
 */

/** The test tasks in scope, with the hash turbo gives each (a dry run of the same command). */
function testTasks() {
  const dry = spawnSync(turbo, ['run', 'test', '--dry=json', ...turboArgs, '--', ...vitestArgs], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (dry.status !== 0) {
    process.stderr.write(dry.stdout + dry.stderr);
    process.exit(dry.status ?? 1);
  }
  /** @type {{ tasks: { task: string, package: string, directory: string, hash: string, command: string }[] }} */
  const plan = JSON.parse(dry.stdout);
  return plan.tasks
    .filter((task) => task.task === 'test' && task.command !== '<NONEXISTENT>')
    .map((task) => ({ name: task.package, directory: task.directory, hash: task.hash }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * @param {TestTask} task
 * @returns {import('./test-reporter.mjs').PackageSummary | undefined}
 */
function summaryOf(task) {
  const file = join(root, task.directory, SUMMARY_FILE);
  if (!existsSync(file)) return undefined;
  /** @type {import('./test-reporter.mjs').PackageSummary} */
  const summary = JSON.parse(readFileSync(file, 'utf8'));
  // A file left by another run of different code says nothing about this one.
  return summary.turboHash === task.hash ? summary : undefined;
}

/** @param {number} ms */
function seconds(ms) {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const whole = Math.round(ms / 1000);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** @param {number} count @param {string} noun */
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** @param {{ passed: number, failed: number, skipped: number }} counts */
function counted({ passed, failed, skipped }) {
  return [
    `${passed} passed`,
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...(skipped > 0 ? [`${skipped} skipped`] : []),
  ].join(', ');
}

const started = performance.now();
const tasks = testTasks();
for (const task of tasks) rmSync(join(root, task.directory, SUMMARY_FILE), { force: true });

const run = spawnSync(
  turbo,
  [
    'run',
    'test',
    '--output-logs=errors-only',
    '--log-order=grouped',
    '--continue',
    ...(colour ? [] : ['--no-color']),
    ...turboArgs,
    '--',
    ...vitestArgs,
  ],
  { cwd: root, env, stdio: 'inherit' },
);

const width = Math.max(...tasks.map((task) => task.name.length));
const total = { passed: 0, failed: 0, skipped: 0 };
/** @type {string[]} */
const failedPackages = [];
const lines = ['', 'Tests, by package:'];
for (const task of tasks) {
  const summary = summaryOf(task);
  const name = task.name.padEnd(width);
  if (summary === undefined) {
    failedPackages.push(task.name);
    lines.push(`  ${name}  no result: the tests did not finish (log above)`);
    continue;
  }
  const problems = [
    ...(summary.failedFiles > 0
      ? [`${plural(summary.failedFiles, 'test file')} failed to run`]
      : []),
    ...(summary.errors > 0 ? [`${plural(summary.errors, 'error')} outside tests`] : []),
  ];
  if (summary.failed > 0 || problems.length > 0) failedPackages.push(task.name);
  total.passed += summary.passed;
  total.failed += summary.failed;
  total.skipped += summary.skipped;
  const detail = [counted(summary), ...problems].join(', ');
  lines.push(
    `  ${name}  ${detail}  (${plural(summary.files, 'file')}, ${seconds(summary.durationMs)})`,
  );
  for (const result of summary.results) lines.push(`  ${''.padEnd(width)}    ${result}`);
}
lines.push(
  '',
  `Total: ${counted(total)} in ${plural(tasks.length, 'package')} (${seconds(performance.now() - started)})`,
);
if (failedPackages.length > 0) {
  lines.push(`Failed: ${failedPackages.join(', ')}`);
} else if (run.status !== 0) {
  lines.push(
    `turbo exited with ${run.status ?? run.signal}: a task other than the tests failed (log above)`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = failedPackages.length > 0 || run.status !== 0 ? 1 : 0;
