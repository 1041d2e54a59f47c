import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@corsica/docs',
    include: ['*.test.ts'],
  },
});
