import { consoleWarn, runtimeNodeEnv } from '../host.ts';
import type { CorsLogSink } from '../types.ts';
import { developmentLog } from './development-log.ts';

/**
 * The development log of an adapter whose framework has no logger of its own: `console.warn`,
 * off by default in production. Runtime-neutral: `NODE_ENV` is read once, now, from `process`
 * where the runtime has one (Node, Bun, Deno). Workers have no `process`: development cannot be
 * told from production there, so it stays quiet unless the policy's `log` option asks.
 */
export function consoleLog(): CorsLogSink<unknown> {
  return developmentLog((line) => consoleWarn(line), runtimeNodeEnv);
}
