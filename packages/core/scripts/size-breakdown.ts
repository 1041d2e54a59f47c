/**
 * What each concern adds to `createCors`'s eager graph, min+gzip: the graph is bundled as
 * `scripts/size.ts` bundles it, from the sources, once whole and once with each concern's modules
 * emptied (every export made an inert stand-in, so its code leaves the bundle and its callers stay).
 * Gzip is not additive, so each row is the drop when that concern alone goes. The last rows empty
 * several at once: what would be left to fit a budget. `pnpm --filter @corsica/cors-core size:breakdown`
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';
import { build } from 'esbuild';

const CONCERNS: Readonly<Record<string, readonly string[]>> = {
  'configuration messages (messages/config.ts)': ['messages/config.ts'],
  'configuration checks, without their messages (config/validate.ts, lists.ts)': [
    'config/validate.ts',
    'config/lists.ts',
  ],
  'per-path policies (routes/, config/route-options.ts)': [
    'routes/route-table.ts',
    'routes/route-pattern.ts',
    'routes/path-safety.ts',
    'config/route-options.ts',
  ],
  "hints: peers' option names, RegExps, public suffixes": [
    'config/canonical-options.ts',
    'config/regexp-hint.ts',
    'config/public-suffixes.ts',
  ],
  'speed seams (speed/)': [
    'speed/grant.ts',
    'speed/preflight-memo.ts',
    'speed/predicate-cache.ts',
    'speed/string-index.ts',
  ],
};

const source = fileURLToPath(new URL('../src/', import.meta.url));

/** Replaces each named module by stand-ins for its exports: callable, constructible, any key. */
function emptied(modules: readonly string[]): Plugin {
  const paths = new Set(modules.map((module) => `${source}${module}`));
  return {
    name: 'emptied',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!paths.has(args.path)) return undefined;
        const names = readFileSync(args.path, 'utf8').matchAll(
          /^export (?:const|function|class) (\w+)/gm,
        );
        const standIn = 'new Proxy(function () {}, { get: () => () => "", apply: () => "" })';
        const contents = [...names].map(([, name]) => `export const ${name} = ${standIn};`);
        return { contents: contents.join('\n'), loader: 'ts' };
      });
    },
  };
}

async function eagerGzip(modules: readonly string[]): Promise<number> {
  const result = await build({
    stdin: { contents: `export { createCors } from './index.ts';`, resolveDir: source },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [emptied(modules)],
  });
  const lazy = new Set(
    Object.entries(result.metafile.outputs)
      .filter(([, output]) => output.entryPoint !== undefined && output.entryPoint !== '<stdin>')
      .map(([file]) => file),
  );
  return result.outputFiles
    .filter((file) => file.path.endsWith('.js') && ![...lazy].some((l) => file.path.endsWith(l)))
    .reduce((sum, file) => sum + gzipSync(file.contents, { level: 9 }).length, 0);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const whole = await eagerGzip([]);
console.log(`createCors, eager, from the sources: ${kb(whole)} min+gzip`);
for (const [concern, modules] of Object.entries(CONCERNS)) {
  console.log(`  without ${concern}: ${kb(await eagerGzip(modules))}`);
}
const [messages, checks, routes, hints] = Object.values(CONCERNS) as (readonly string[])[];
const left = [...(messages ?? []), ...(routes ?? []), ...(hints ?? [])];
console.log(`  without messages, per-path policies and hints: ${kb(await eagerGzip(left))}`);
console.log(
  `  without those and the configuration checks (the protocol, the policy, request handling and origin parsing): ${kb(await eagerGzip([...left, ...(checks ?? [])]))}`,
);
