// @ts-check
import { strykerConfig } from '../../mutation/stryker.base.mjs';

// host.test.ts reads the package's source files, which in Stryker's sandbox are instrumented
// (they reach for the mutant switch through globalThis): it checks the text, not the behaviour,
// so it runs in `pnpm test` only. Static mutants (module-level constants: message tables, header
// lists) are ignored: each would rerun the whole suite, about 400 runs of a minute and a half.
export default strykerConfig('core', { testFiles: ['src/**/!(host).test.ts'], ignoreStatic: true });
