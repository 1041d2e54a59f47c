import type { CorsConfigProblem } from '@corsica/cors-core';
import { CorsConfigError } from '@corsica/cors-core';
import type { EntryPoint, FetchHandler } from './app.ts';
import { corsApp, ENTRY_POINTS, hostReader } from './app.ts';
import { policyOf } from './cases.ts';

/**
 * How the Node test process drives a runtime: a control endpoint on 127.0.0.1 in the runtime's
 * process takes `POST /start` with `{ entry, key }` and answers `{ port }` (Bun, Deno: a new
 * server on an ephemeral port; workerd: `{}`, its sockets are bound up front) or `{ problems }`
 * when the entry point refused the policy with a `CorsConfigError`. `POST /stop` with `{ port }`
 * closes a server.
 */
export interface StartMessage {
  readonly entry: EntryPoint;
  readonly key: string;
}

export type StartReply =
  | { readonly port?: number }
  | { readonly problems: readonly CorsConfigProblem[] };

export interface StopMessage {
  readonly port: number;
}

export type Built =
  | { readonly handler: FetchHandler }
  | { readonly problems: readonly CorsConfigProblem[] };

/** Builds the application for one entry point and one case, in the runtime's process. */
export function build(message: StartMessage): Built {
  if (!ENTRY_POINTS.includes(message.entry)) throw new Error(`unknown entry ${message.entry}`);
  try {
    return { handler: corsApp(message.entry, policyOf(message.key, hostReader(message.entry))) };
  } catch (error) {
    if (error instanceof CorsConfigError) return { problems: error.problems };
    throw error;
  }
}

/** A server the runtime started for one case. */
export interface Listener {
  readonly port: number;
  close(): Promise<void>;
}

/** The control endpoint of a runtime that can open servers at will (Bun, Deno). */
export function controlHandler(
  listen: (handler: FetchHandler) => Listener | Promise<Listener>,
): (request: Request) => Promise<Response> {
  const listeners = new Map<number, Listener>();
  return async (request) => {
    try {
      const path = new URL(request.url).pathname;
      if (request.method === 'POST' && path === '/start') {
        const built = build((await request.json()) as StartMessage);
        if ('problems' in built) return Response.json({ problems: built.problems });
        const listener = await listen(built.handler);
        listeners.set(listener.port, listener);
        return Response.json({ port: listener.port });
      }
      if (request.method === 'POST' && path === '/stop') {
        const { port } = (await request.json()) as StopMessage;
        await listeners.get(port)?.close();
        listeners.delete(port);
        return Response.json({});
      }
      return new Response('no such control command', { status: 404 });
    } catch (error) {
      return new Response(error instanceof Error ? (error.stack ?? error.message) : String(error), {
        status: 500,
      });
    }
  };
}
