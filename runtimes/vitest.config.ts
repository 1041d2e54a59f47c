import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from '../vitest.shared.ts';

export default defineConfig({
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    ...sharedTestOptions,
    name: '@corsica/runtimes',
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
