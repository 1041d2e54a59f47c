import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import base from '../vitest.config.ts';

/** Where this package installed Nest 11. */
const nest11 = fileURLToPath(new URL('./node_modules/@nestjs/', import.meta.url));

/**
 * The tests of @corsica/cors-nest, run from its own folder on the same files, with every import of
 * a Nest package, from the tests and from `src` alike, resolved to Nest 11. Nest's own imports of
 * each other (externalized, loaded by Node from their real paths) resolve to Nest 11 by
 * themselves: pnpm installs this package's Nest 11 with its peers. `test/nest-version.test.ts`
 * fails if any of them is not Nest 11.
 */
export default mergeConfig(base, {
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    alias: [
      {
        find: /^@nestjs\/(common|core|platform-express|platform-fastify|testing)(?=\/|$)/,
        replacement: `${nest11}$1`,
      },
    ],
  },
  test: {
    name: '@corsica/cors-nest on Nest 11',
    env: { CORSICA_NEST_MAJOR: '11' },
    // The type tests run in `pnpm typecheck` here, with Nest 11's declarations (tsconfig paths).
    typecheck: { enabled: false },
  },
});
