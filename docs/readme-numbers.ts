/**
 * The measured numbers of the root README, generated from the files that hold them: the speed
 * ratios from bench/BENCHMARKS.md (`pnpm bench`), the conformance totals from CONFORMANCE.md
 * (`pnpm conformance:peers`). The README holds each between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->`; `readme-numbers.test.ts` fails when they differ from what this file
 * generates, and `pnpm --filter @corsica/docs readme-numbers` writes them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The lines of a Markdown section, from its heading to the next heading of any level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start === -1) throw new Error(`no section "${heading}"`);
  const end = lines.findIndex((line, i) => i > start && /^#{1,6} /.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** The first Markdown table in `lines`. */
function table(lines: readonly string[]): string[] {
  const start = lines.findIndex((line) => line.startsWith('|'));
  if (start === -1) throw new Error('no table');
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end === -1 ? undefined : end);
}

/** One cell of a table row, by column. */
const cell = (row: string, column: number): string => row.split('|')[column + 1]?.trim() ?? '';

/** The speed block: Corsica ÷ each peer per scenario, and the core's allowed preflight. */
export function speedBlock(benchmarks: string): string {
  const date = /\| Date \| (\S+?)T/.exec(benchmarks)?.[1] ?? 'unknown date';
  const source = /\| Corsica source \| (\S+) \|/.exec(benchmarks)?.[1] ?? 'unknown';
  const ratios = table(section(benchmarks, '### Corsica ÷ peer (target: below 1)'));
  const decide = table(section(benchmarks, "### The core's decide alone")).find((row) =>
    row.startsWith('| allowed preflight'),
  );
  return [
    `Time per request of the CORS layer, Corsica's adapter divided by the framework's usual CORS`,
    `package (below 1: Corsica is faster), measured side by side in one \`pnpm bench\` run (${date}, Corsica`,
    `${source}, on the 2-core machine [BENCHMARKS.md](bench/BENCHMARKS.md) describes):`,
    '',
    ...ratios,
    '',
    `The core decides an allowed preflight in ${decide === undefined ? '?' : cell(decide, 1)}.`,
  ].join('\n');
}

/** The conformance block: the totals table of CONFORMANCE.md. */
export function conformanceBlock(conformance: string): string {
  const totals = table(conformance.split('\n').filter((line) => !line.startsWith('<!--')));
  const vectors = /The (\d+) conformance vectors/.exec(conformance)?.[1] ?? '?';
  return [
    `The testkit's ${vectors} vectors, run against each library configured for each vector's policy`,
    '(`pnpm conformance:peers`; a policy a library cannot express is skipped, not failed; each',
    'failure and skip is explained in [CONFORMANCE.md](CONFORMANCE.md)):',
    '',
    ...totals,
  ].join('\n');
}

/** Every generated block, by name. */
export function generatedBlocks(): Record<string, string> {
  return {
    speed: speedBlock(readFileSync(root('bench/BENCHMARKS.md'), 'utf8')),
    conformance: conformanceBlock(readFileSync(root('CONFORMANCE.md'), 'utf8')),
  };
}

/** `readme` with each generated block replaced by `blocks[name]`. */
export function withBlocks(readme: string, blocks: Readonly<Record<string, string>>): string {
  let out = readme;
  for (const [name, content] of Object.entries(blocks)) {
    const pattern = new RegExp(
      `(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`,
    );
    if (!pattern.test(out)) throw new Error(`README.md has no generated:${name} block`);
    out = out.replace(
      pattern,
      (_match, open: string, close: string) => `${open}${content}\n${close}`,
    );
  }
  return out;
}

export const README_PATH: string = root('README.md');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(README_PATH, 'utf8');
  writeFileSync(README_PATH, withBlocks(readme, generatedBlocks()));
  console.log('README.md: generated blocks written from bench/BENCHMARKS.md and CONFORMANCE.md');
}
