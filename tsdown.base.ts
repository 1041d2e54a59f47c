import type { UserConfig } from 'tsdown';

/** How every published package is built: dual ESM/CJS with declarations and source maps. */
export const packageBuild: UserConfig = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // Adapters export their factory both named and as the default; in CommonJS both are properties
  // of `module.exports` (`require(…).cors`, `require(…).default`). Saying so silences rolldown's
  // MIXED_EXPORTS warning, which it prints before choosing the same thing.
  outputOptions: { exports: 'named' },
};
