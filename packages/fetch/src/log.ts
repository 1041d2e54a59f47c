import type { CorsLogSink } from '@corsica/cors-core';
import { developmentLog } from '@corsica/cors-core';

/** What the runtime says about its environment, where it says anything (Node, Bun, Deno's process). */
const runtime = globalThis as { process?: { env?: Readonly<Record<string, string | undefined>> } };

/**
 * The development log of a Fetch runtime: `console.warn`, off by default in production. Workers
 * have no `process`: development cannot be told from production there, so it stays quiet.
 */
export function consoleLog(): CorsLogSink<unknown> {
  return developmentLog(
    (line) => console.warn(line),
    () => (runtime.process === undefined ? 'production' : runtime.process.env?.['NODE_ENV']),
  );
}
