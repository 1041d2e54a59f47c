import type { UserConfig } from 'tsdown';

/** How every published package is built: dual ESM/CJS with declarations and source maps. */
export const packageBuild: UserConfig = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
};
