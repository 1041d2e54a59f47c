import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    name: '@corsica/cors-cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
