import { defineProject } from 'vitest/config';
import { sharedTestOptions } from '../vitest.shared.ts';

// The playground runs on the adapters' published entry points (their built `dist`), as a user's
// app would: no `@corsica/source` condition here, and turbo builds them before `test`.
export default defineProject({
  test: {
    ...sharedTestOptions,
    name: '@corsica/playground',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
