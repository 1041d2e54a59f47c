// @ts-check
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A vitest reporter that writes one package's totals to `.test-summary.json` in the package, for
 * `scripts/test.mjs` to print one line per package after the run. It prints nothing itself: the
 * `default` reporter beside it writes the package's log, which `pnpm test` shows in full when
 * the package fails. Turbo caches the file with the task (`outputs` in turbo.json), so a cached
 * package still has its line.
 */

/** Where a package's totals go, relative to the package. */
export const SUMMARY_FILE = '.test-summary.json';

/**
 * The line a conformance run prints when it ends: the testkit's `summarize` (`express 5: 259
 * passed, 0 failed`), the runtime tests' (`bun withCors: 251 passed, 0 failed`).
 */
const RESULT_LINE = /^\S[^\n]*: \d+ passed, \d+ failed\b[^\n]*$/;

/**
 * @typedef {object} PackageSummary
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped skipped and todo tests
 * @property {number} files test files
 * @property {number} failedFiles test files that failed outside any test (an import error, a hook)
 * @property {number} errors errors vitest caught outside any test file
 * @property {number} durationMs
 * @property {string[]} results the conformance result lines the tests printed, in order
 * @property {string | null} turboHash the hash of the turbo task that ran the tests, if any
 */

/**
 * The package whose `test` script runs: its package.json is in `npm_package_json`, which pnpm sets
 * for scripts. Not the working directory, which vitest changes to the config's `root`
 * (packages/nest/test-nest11 runs packages/nest's tests, from there).
 */
function packageDir() {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: pnpm sets it for every script it runs.
  const manifest = process.env['npm_package_json'];
  return manifest === undefined ? process.cwd() : dirname(manifest);
}

/** @implements {import('vitest/node').Reporter} */
export default class SummaryReporter {
  /** @type {string[]} */
  #results = [];
  #started = performance.now();

  onInit() {
    this.#started = performance.now();
  }

  /** @param {import('vitest').UserConsoleLog} log */
  onUserConsoleLog(log) {
    for (const line of log.content.split('\n')) {
      if (RESULT_LINE.test(line.trim())) this.#results.push(line.trim());
    }
  }

  /**
   * @param {ReadonlyArray<import('vitest/node').TestModule>} testModules
   * @param {ReadonlyArray<unknown>} unhandledErrors
   */
  onTestRunEnd(testModules, unhandledErrors) {
    /** @type {PackageSummary} */
    const summary = {
      passed: 0,
      failed: 0,
      skipped: 0,
      files: testModules.length,
      failedFiles: 0,
      errors: unhandledErrors.length,
      durationMs: Math.round(performance.now() - this.#started),
      results: this.#results,
      // biome-ignore lint/suspicious/noUndeclaredEnvVars: turbo sets it in every task it runs.
      turboHash: process.env['TURBO_HASH'] ?? null,
    };
    for (const testModule of testModules) {
      let failedTests = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') summary.passed += 1;
        else if (state === 'failed') failedTests += 1;
        else summary.skipped += 1;
      }
      summary.failed += failedTests;
      if (testModule.state() === 'failed' && failedTests === 0) summary.failedFiles += 1;
    }
    writeFileSync(join(packageDir(), SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  }
}
