// @ts-check
import { strykerConfig } from '../../mutation/stryker.base.mjs';

// host.test.ts reads the package's source files, which in Stryker's sandbox are instrumented
// (they reach for the mutant switch through globalThis): it checks the text, not the behaviour,
// so it runs in `pnpm test` only.
export default strykerConfig('core', { testFiles: ['src/**/!(host).test.ts'] });
