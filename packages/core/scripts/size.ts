/**
 * Prints what `createCors` costs a bundle, min+gzip, and fails past the budget. Measured on the
 * built package (`dist/index.mjs`, what users install), tree-shaken to `createCors` and split as a
 * bundler splits it: the explanations (`cors.explain`, `explainConfigError`, the development log)
 * load on demand, in a chunk of their own, and are reported apart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The eager graph of `createCors`, in bytes min+gzip. See the core README, "Size". */
const BUDGET = 20.5 * 1024;

const dist = fileURLToPath(new URL('../dist/index.mjs', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'corsica-size-'));
try {
  const result = await build({
    stdin: { contents: `export { createCors } from ${JSON.stringify(dist)};`, resolveDir: '.' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    outdir,
    metafile: true,
    logLevel: 'silent',
  });
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => ({
      // A dynamic import is an entry point of its own: the explanations' chunk.
      onDemand: output.entryPoint !== undefined && output.entryPoint !== '<stdin>',
      gzip: gzipSync(readFileSync(file), { level: 9 }).length,
    }));
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const eager = sizes.filter((size) => !size.onDemand);
  const lazy = sizes.filter((size) => size.onDemand);
  const total = eager.reduce((sum, size) => sum + size.gzip, 0);
  const onDemand = lazy.reduce((sum, size) => sum + size.gzip, 0);
  console.log(
    `@corsica/cors-core: createCors pulls in ${kb(total)} min+gzip (budget ${kb(BUDGET)}); explanations load on demand: ${kb(onDemand)}`,
  );
  if (total > BUDGET) {
    console.error(`createCors grew past its budget by ${kb(total - BUDGET)} (${total} bytes).`);
    process.exitCode = 1;
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
