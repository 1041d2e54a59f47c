import { defineProject } from 'vitest/config';
import { sharedTestOptions } from '../../vitest.shared.ts';

export default defineProject({
  test: {
    ...sharedTestOptions,
    name: '@corsica/example-fetch',
    include: ['src/**/*.test.*'],
    testTimeout: 60_000,
  },
});
