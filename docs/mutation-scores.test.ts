import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * SECURITY.md's mutation scores are the committed state's (`mutation/incremental/*.json`, what
 * `pnpm mutate -- --report` prints), and every mutant left standing is named, with why, in a file
 * of `mutation/explained/`. Nothing here runs Stryker: a run takes far longer than CI allows.
 */
interface PackageScore {
  readonly name: string;
  readonly score: string;
  readonly killed: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly timeout: number;
  readonly ignored: number;
  readonly unexplained: readonly string[];
}

const root = new URL('../', import.meta.url);
const scores = JSON.parse(
  execFileSync(process.execPath, ['mutation/run.mjs', '--report', '--json'], {
    cwd: root,
    encoding: 'utf8',
  }),
) as PackageScore[];
const security = readFileSync(new URL('SECURITY.md', root), 'utf8');

/** `1,234` → 1234; `**90.5%**` → `90.5`. */
const plain = (cell: string): string => cell.replace(/[*,%]/g, '').trim();

describe.each(scores)('mutation testing of $name', (score) => {
  it('has every surviving mutant explained in mutation/explained/', () => {
    expect(score.unexplained).toStrictEqual([]);
  });

  it("is SECURITY.md's row of the scores table", () => {
    const row = security.split('\n').find((line) => line.startsWith(`| ${score.name} |`));
    expect(row, `SECURITY.md has no row for ${score.name}`).toBeDefined();
    const cells = (row as string).split('|').slice(2, 9).map(plain);
    const percent = Number.parseFloat(score.score);
    expect(cells).toStrictEqual([
      String(score.killed),
      String(score.timeout),
      String(score.survived),
      String(score.noCoverage),
      String(score.ignored),
      percent === 100 ? '100' : percent.toFixed(1),
      cells[6],
    ]);
    expect(percent).toBeGreaterThanOrEqual(90);
  });
});
