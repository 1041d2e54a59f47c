import type { Server } from 'node:http';

/**
 * What sits in front of the route: nothing, the framework's usual CORS package, or Corsica; or
 * (Hono only) an empty middleware, what any middleware costs before it does any work.
 */
export type CorsVariant = 'none' | 'peer' | 'corsica' | 'passthrough';

/** Starts one framework's app with one variant on 127.0.0.1 (a free port) and resolves once it listens. */
export type StartServer = (variant: CorsVariant) => Promise<Server>;

export const HOST = '127.0.0.1';

/** Resolves when `server` (already told to listen) is listening. */
export function listening(server: Server): Promise<Server> {
  if (server.listening) return Promise.resolve(server);
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
