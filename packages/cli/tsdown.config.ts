import { defineConfig } from 'tsdown';
import { packageBuild } from '../../tsdown.base.ts';

export default defineConfig([
  // The library, as every package builds it.
  packageBuild,
  // The `corsica` bin, ESM only (dist/bin.mjs, shebang kept and made executable). tsdown cleans
  // dist/ once, before either build writes, so this one need not clean.
  { entry: ['src/bin.ts'], format: ['esm'], dts: false, sourcemap: true, clean: false },
]);
