import type { Server } from 'node:http';
import { createServer } from 'node:http';

/**
 * The origins pages run on. The API is always on `http://localhost:<port>`, so:
 * - `app` (`http://127.0.0.1:A`) is cross-origin and cross-site to it: the usual CORS caller;
 * - `sameSiteApp` (`http://localhost:A2`) is cross-origin but same-site (ports do not make a site),
 *   so SameSite cookies and Chromium's third-party cookie blocking stay out of credential scenarios;
 * - `stranger` (`http://127.0.0.1:C`) is an origin no policy lists.
 */
export interface PageOrigins {
  readonly app: string;
  readonly sameSiteApp: string;
  readonly stranger: string;
}

/** Where a scenario's fetch runs: a page on one of the origins, or a sandboxed iframe (origin `null`). */
export type Caller = keyof PageOrigins | 'sandboxed';

const BLANK_PAGE = '<!doctype html><meta charset="utf-8"><title>corsica e2e</title><body></body>';

export interface PageServers {
  readonly origins: PageOrigins;
  close(): Promise<void>;
}

/** Starts one blank-page server per origin, all on 127.0.0.1. */
export async function startPageServers(): Promise<PageServers> {
  const servers: Server[] = [];
  const port = async (): Promise<number> => {
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(BLANK_PAGE);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('not a TCP server');
    return address.port;
  };
  const origins: PageOrigins = {
    app: `http://127.0.0.1:${await port()}`,
    sameSiteApp: `http://localhost:${await port()}`,
    stranger: `http://127.0.0.1:${await port()}`,
  };
  return {
    origins,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
