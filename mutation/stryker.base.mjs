// @ts-check
/**
 * The Stryker configuration every package shares; each package's `stryker.config.mjs` names
 * itself and may add test files. Run through `pnpm mutate` (mutation/run.mjs), one package at a
 * time, from the package's folder.
 *
 * - Only `src/**` is mutated: never tests, type tests, benchmarks or test support.
 * - Incremental: the result of every mutant is kept in `mutation/incremental/<package>.json`
 *   (committed), so a run re-tests only the mutants whose code or covering tests changed.
 * - The sandbox lives in `<repo>/.stryker-tmp/sandbox-*`, two levels below the root like a
 *   package folder, so the relative paths in package configs (`../../vitest.shared.ts`,
 *   `../../tsconfig.base.json`) resolve the same in the copy as in the package.
 * - Concurrency 2: the machine has 2 cores, shared with other work.
 */

/**
 * @param {string} name The package folder, e.g. `core`.
 * @param {Partial<import('@stryker-mutator/api/core').PartialStrykerOptions>} [extra]
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function strykerConfig(name, extra = {}) {
  return {
    packageManager: 'pnpm',
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    // The package's vitest config without type tests (see vitest.stryker.ts).
    vitest: { configFile: '../../mutation/vitest.stryker.ts', related: false },
    coverageAnalysis: 'perTest',
    mutate: [
      'src/**/*.ts',
      '!src/**/*.test.ts',
      '!src/**/*.test-d.ts',
      '!src/**/*.bench.ts',
      '!src/**/*.d.ts',
      '!src/test-support/**',
    ],
    // Build output is rewritten by any concurrent `pnpm build`; tests never read it.
    ignorePatterns: ['dist', 'coverage', '.turbo'],
    incremental: true,
    incrementalFile: `../../mutation/incremental/${name}.json`,
    tempDirName: '../../.stryker-tmp',
    // Stryker rewrites `extends` in tsconfig.json for a sandbox inside the package; ours sits at
    // the package's depth already, where `../../tsconfig.base.json` is right as written.
    tsconfigFile: 'tsconfig.not-rewritten.json',
    cleanTempDir: true,
    concurrency: 2,
    timeoutMS: 10_000,
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: `../../mutation/reports/${name}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
    thresholds: { high: 90, low: 80, break: null },
    ...extra,
  };
}
