import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@corsica/example-fastify', include: ['src/**/*.test.*'], testTimeout: 60_000 },
});
