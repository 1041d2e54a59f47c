// @ts-check
import { strykerConfig } from '../../mutation/stryker.base.mjs';

// Bun, Deno and workerd (test/runtimes) run the package in child processes, where Stryker cannot
// switch mutants on: those tests would cost minutes per mutant and kill none.
export default strykerConfig('fetch', { testFiles: ['test/*.test.ts'] });
