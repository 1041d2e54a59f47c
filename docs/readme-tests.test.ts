import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseGroup } from '@corsica/cors-testkit';
import { conformanceCases } from '@corsica/cors-testkit';
import { expect, it } from 'vitest';

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

/** The root README's "Tests" section, as one line. */
const tests = (/### Tests\n([\s\S]*?)\n## /.exec(README)?.[1] ?? '').replace(/\s+/g, ' ');

function countOf(group: CaseGroup): number {
  return conformanceCases.filter((c) => c.group === group).length;
}

it("the root README's case counts are the testkit's", () => {
  const counted =
    /the (\d+) vectors, plus (\d+) adapter cases .*?, (\d+) security cases .*?, (\d+) fault cases and (\d+) reconfiguration cases, (\d+) in all/.exec(
      tests,
    );
  expect(counted?.slice(1).map(Number)).toEqual([
    countOf('vector'),
    countOf('adapter'),
    countOf('security'),
    countOf('fault'),
    countOf('reconfigure'),
    conformanceCases.length,
  ]);
});
