import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@corsica/example-decisions', include: ['src/**/*.test.ts'] },
});
