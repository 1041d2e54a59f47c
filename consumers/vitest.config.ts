import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    name: '@corsica/consumers',
    include: ['test/**/*.test.ts'],
    // Packs every package and installs the tarballs with npm (reused when nothing changed).
    globalSetup: ['./src/global-setup.ts'],
    // Each app boots a framework in its own Node.js process; Nest takes a few seconds on 2 cores.
    testTimeout: 60_000,
  },
});
