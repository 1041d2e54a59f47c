import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    name: '@corsica/cors-core',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    // Property tests run thousands of cases; CI runs every package's tests at once on 2 cores.
    testTimeout: 60_000,
    typecheck: { enabled: true, tsconfig: './tsconfig.test.json', include: ['src/**/*.test-d.ts'] },
  },
});
