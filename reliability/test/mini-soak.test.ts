import { afterAll, describe, expect, test } from 'vitest';
import { ADAPTER_IDS } from '../src/servers/index.ts';
import type { SoakResult } from '../src/soak-run.ts';
import { formatResult, soak } from '../src/soak-run.ts';

/**
 * The soak's own code at a small size, so that `pnpm soak` cannot rot: each adapter's server in
 * its child process, 2,000 warm-up and 20,000 checked requests over keep-alive connections, and
 * not one error. Memory growth is printed, not asserted: at this size it is mostly noise.
 */

const REQUESTS = Number(process.env['MINI_SOAK_REQUESTS'] ?? 20_000);
const results: SoakResult[] = [];

describe.each([...ADAPTER_IDS])('mini-soak %s', (adapter) => {
  test(`${REQUESTS.toLocaleString('en-US')} requests, every response checked, no error`, async () => {
    const result = await soak({
      adapter,
      requests: REQUESTS,
      warmup: 2_000,
      connections: 8,
      // A guard against hanging, not a speed test: the workspace's `pnpm test` runs other
      // packages' suites beside this one on 2 cores (express once fell to 263 req/s there).
      timeCapSeconds: 300,
    });
    results.push(result);
    expect(result.errorKinds).toEqual({});
    expect(result.errors).toBe(0);
    expect(result.complete).toBe(true);
    expect(result.completed).toBe(REQUESTS);
  }, 330_000);
});

afterAll(() => {
  console.log(
    `mini-soak (memory growth not asserted at this size):\n${results.map(formatResult).join('\n')}`,
  );
});
