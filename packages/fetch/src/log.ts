import type { CorsLogSink } from '@corsica/cors-core';

/** What the runtime says about its environment, where it says anything (Node, Bun, Deno's process). */
const runtime = globalThis as { process?: { env?: Readonly<Record<string, string | undefined>> } };

/**
 * Whether this is production: `NODE_ENV` says so. Where the runtime has no `process` (Workers) or
 * forbids reading it (Deno without `--allow-env` throws), development cannot be told from
 * production, and the answer is yes: quiet unless the policy asks (`log`).
 */
function production(): boolean {
  try {
    return runtime.process === undefined || runtime.process.env?.['NODE_ENV'] === 'production';
  } catch {
    return true;
  }
}

/** The development log of a Fetch runtime: `console.warn`, outside production (read when built). */
export function consoleLog(): CorsLogSink<unknown> {
  return { write: (line) => console.warn(line), production: production() };
}
