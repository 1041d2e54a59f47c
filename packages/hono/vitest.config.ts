import { defineProject } from 'vitest/config';
import { sharedTestOptions } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    ...sharedTestOptions,
    name: '@corsica/cors-hono',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
