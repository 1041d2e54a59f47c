import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generatedBlocks, README_PATH, withBlocks } from './readme-numbers.ts';

it("the root README's numbers are the ones BENCHMARKS.md and CONFORMANCE.md hold", () => {
  const readme = readFileSync(README_PATH, 'utf8');
  // On failure: pnpm --filter @corsica/docs readme-numbers
  expect(readme).toBe(withBlocks(readme, generatedBlocks()));
});
