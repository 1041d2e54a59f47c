import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterHarness } from './harness.ts';
import type { CaseResult, RunOptions } from './runner.ts';
import { conformanceCases, runConformance, summarize } from './runner.ts';

/**
 * Turns the conformance run into vitest tests, one per case, named `<adapter> › <case id>`, and
 * prints `<adapter>: N passed, M failed` at the end.
 *
 * @example
 * describeConformance({ name: 'express 5', start: async (cors, { maxHeaderSize }) => { ... } });
 */
export function describeConformance(harness: AdapterHarness, options: RunOptions = {}): void {
  const keep = options.filter ?? (() => true);
  const cases = conformanceCases.filter((c) => keep(c.id));
  describe(`${harness.name}: CORS conformance`, () => {
    const results = new Map<string, CaseResult>();
    beforeAll(async () => {
      for (const result of await runConformance(harness, options)) results.set(result.id, result);
    }, 180_000);
    afterAll(() => {
      console.log(summarize(harness, [...results.values()]));
    });
    it.each(cases.map((c) => [`${c.group} ${c.id}`, c.id] as const))('%s', (_name, id) => {
      const result = results.get(id);
      expect(result, `${id} did not run`).toBeDefined();
      expect(result?.pass, `${id}: ${result?.title}\n${result?.failures.join('\n')}`).toBe(true);
    });
  });
}
