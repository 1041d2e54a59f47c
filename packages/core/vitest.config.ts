import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    name: '@corsica/cors-core',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    typecheck: { enabled: true, tsconfig: './tsconfig.test.json', include: ['src/**/*.test-d.ts'] },
  },
});
