import type { TestServer } from './harness.ts';
import type { RawRequest } from './http-client.ts';
import { send } from './http-client.ts';

/**
 * The development log an adapter writes: one line per distinct denial outside production, none in
 * production. `start` builds and serves the app (after `NODE_ENV` is set, since adapters read it
 * when they are built) with Corsica's defaults; `lines` returns what its logger received.
 */
export async function devLogLines(
  environment: 'development' | 'production',
  start: () => Promise<TestServer>,
  lines: () => readonly string[],
  request: RawRequest,
): Promise<readonly string[]> {
  const previous = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = environment;
  let server: TestServer | undefined;
  try {
    server = await start();
  } finally {
    process.env['NODE_ENV'] = previous;
  }
  try {
    // The same denial twice: the log says it once.
    await send(server.url, request);
    await send(server.url, request);
    // The line is written once its explanation has loaded (a dynamic import, slow on a busy
    // machine): wait for the first line, or up to 2 s, then a little longer for any repeat.
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    for (let waited = 0; lines().length === 0 && waited < 2000; waited += 20) await pause(20);
    await pause(50);
    return lines();
  } finally {
    await server.close();
  }
}
