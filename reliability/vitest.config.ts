import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // swc compiles Nest's legacy (parameter) decorators, in the Nest server and in
  // @corsica/cors-nest, which the in-process fuzz loads from source.
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  resolve: { conditions: ['@corsica/source'] },
  ssr: { resolve: { conditions: ['@corsica/source'] } },
  test: {
    name: '@corsica/reliability',
    include: ['test/**/*.test.ts'],
    // The fuzz and the mini-soak both load the machine: one after the other, their timings mean
    // something on 2 cores.
    fileParallelism: false,
    testTimeout: 180_000,
    // The adapters' development log (console.warn, one line per denial) would bury the report.
    onConsoleLog: (log: string) => !log.startsWith('CORS '),
    hookTimeout: 60_000,
  },
});
