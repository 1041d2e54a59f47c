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
    // The line is written once its explanation has loaded.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return lines();
  } finally {
    await server.close();
  }
}
