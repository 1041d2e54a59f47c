// @ts-check
import { strykerConfig } from '../../mutation/stryker.base.mjs';

// Two test files run in `pnpm test` only. host.test.ts reads the package's source files, which in
// Stryker's sandbox are instrumented (they reach for the mutant switch through globalThis): it checks
// the text, not the behaviour. explanations-unavailable.test.ts loads the whole core again inside
// its test, so every module-level constant would count as covered by that one test. Static mutants
// (module-level constants: message tables, header lists) are ignored: each would rerun the whole
// suite, about 400 runs of a minute and a half.
export default strykerConfig('core', {
  testFiles: ['src/**/!(host|explanations-unavailable).test.ts'],
  ignoreStatic: true,
});
