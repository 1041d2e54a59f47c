import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    name: '@corsica/conformance-peers',
    include: ['test/**/*.test.ts'],
  },
});
