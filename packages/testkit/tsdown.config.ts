import { defineConfig } from 'tsdown';
import { packageBuild } from '../../tsdown.base.ts';

export default defineConfig([
  // The kit and its vitest helper as ES modules; they share the runner's chunk.
  {
    ...packageBuild,
    entry: ['src/index.ts', 'src/vitest.ts'],
    format: ['esm'],
  },
  // The kit for CommonJS too. Not the vitest helper: vitest refuses to be loaded by require() (its
  // CommonJS entry throws), so `@corsica/cors-testkit/vitest` is exported for import only. tsdown
  // cleans dist/ once, before either build writes, so this one need not clean.
  { ...packageBuild, entry: ['src/index.ts'], format: ['cjs'], clean: false },
]);
