import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { sharedTestOptions } from '../../vitest.shared.ts';

export default defineProject({
  // swc compiles the tests' decorators as tsc compiles a Nest app (legacy decorators, parameter
  // decorators, `design:*` metadata). Injection in tests still names its tokens (`@Inject(X)`):
  // Biome rewrites imports used only as types to `import type`, which empties emitted metadata.
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    ...sharedTestOptions,
    name: '@corsica/cors-nest',
    // The Nest major this run loads (test/nest-version.test.ts checks it); test-nest11/ runs 11.
    env: { CORSICA_NEST_MAJOR: '12' },
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
