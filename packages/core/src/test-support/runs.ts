/**
 * How many cases a fast-check property runs: the test's own count, or fewer when `FC_RUNS` is set.
 * `pnpm mutate` sets it (mutation/run.mjs): a surviving mutant runs every test that covers it, and
 * thousands of cases per property for each of thousands of mutants would take hours.
 */
export function runs(usual: number): number {
  const set = process.env['FC_RUNS'];
  return set === undefined ? usual : Math.min(usual, Number(set));
}
