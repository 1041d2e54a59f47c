import { defineConfig } from 'tsdown';
import { packageBuild } from '../../tsdown.base.ts';

export default defineConfig({
  ...packageBuild,
  // `cors` is both the default and a named export; CJS users read `require(…).cors`.
  outputOptions: { exports: 'named' },
});
