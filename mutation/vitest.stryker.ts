import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';
import { mergeConfig } from 'vitest/config';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

/**
 * The vitest configuration Stryker runs each mutant with: the package's own (read from the
 * sandbox Stryker runs in, its working directory), without type tests. Type tests check the
 * declared types, which no mutant of the code changes; running tsc for each mutant only costs time.
 * The package's config is TypeScript, so it is loaded as vitest loads it, by vitest's own vite.
 *
 * Test files run smallest first. Stryker stops a mutant's run at the first failing test, and
 * vitest's own order (slowest first, from its cache) would run the long property tests before the
 * small table tests that kill most mutants in a fraction of the time.
 */
class SmallestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const size = (file: TestSpecification): number => statSync(file.moduleId).size;
    return [...files].sort((a, b) => size(a) - size(b));
  }
}

const fromVitest = createRequire(createRequire(import.meta.url).resolve('vitest/package.json'));
const vite = (await import(pathToFileURL(fromVitest.resolve('vite')).href)) as {
  loadConfigFromFile(
    env: { command: 'serve'; mode: string },
    file: string,
  ): Promise<{ config: ViteUserConfig } | null>;
};
const loaded = await vite.loadConfigFromFile(
  { command: 'serve', mode: 'test' },
  join(process.cwd(), 'vitest.config.ts'),
);
if (loaded === null) throw new Error(`no vitest.config.ts in ${process.cwd()}`);

export default mergeConfig(loaded.config, {
  root: process.cwd(),
  test: { typecheck: { enabled: false }, sequence: { sequencer: SmallestFirst } },
});
