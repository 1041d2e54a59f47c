import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // `cors` is both the default and a named export; CJS users read `require(…).cors`.
  outputOptions: { exports: 'named' },
});
