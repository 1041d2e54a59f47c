import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Cors } from '@corsica/cors-core';
import { createCors } from '@corsica/cors-core';
import { ExchangeLog } from './exchanges.ts';
import type { AdapterInfo } from './page/types.ts';
import type { PageState, StaticFile } from './page-server.ts';
import { pageListener } from './page-server.ts';
import { defaultPolicy, policyState } from './policy.ts';
import type { RunningApi } from './servers/api.ts';
import { freePortOr } from './servers/api.ts';
import { apiServers } from './servers/index.ts';
import { serveNode } from './servers/node-server.ts';

export interface PlaygroundOptions {
  /** The page's port; API servers take the next ones. Taken ports fall back to free ones; 0: all free. */
  readonly port: number;
}

export interface RunningPlayground {
  /** `http://localhost:P/`: the page, on the origin the default policy allows. */
  readonly url: string;
  /** `http://127.0.0.1:P/`: the same page, on an origin the default policy does not list. */
  readonly otherUrl: string;
  readonly adapters: readonly AdapterInfo[];
  /** The per-run token the page carries (tests use it to act as the page). */
  readonly token: string;
  /** Each API server's compiled policy, in `adapters` order. */
  readonly policies: readonly Cors[];
  /** Wanted ports that were in use, and replaced with free ones. */
  readonly movedPorts: readonly number[];
  close(): Promise<void>;
}

const PUBLIC_DIR = new URL('../public/', import.meta.url);
/** The page's scripts, compiled from src/page by `tsc -p tsconfig.page.json` (`pnpm build`). */
const PAGE_DIR = new URL('../dist/page/', import.meta.url);

/**
 * Starts the page server on 127.0.0.1 (`localhost:P` and `127.0.0.1:P`), then one API server per
 * adapter, each holding its own compiled policy, with a decision hook that records what it
 * decided and why.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const files = await staticFiles();
  const token = randomBytes(32).toString('base64url');
  const runId = randomBytes(4).toString('hex');
  const movedPorts: number[] = [];
  const portFor = async (wanted: number): Promise<number> => {
    const port = await freePortOr(wanted);
    if (port !== wanted) movedPorts.push(wanted);
    return port;
  };

  let state: PageState | undefined;
  const log = new ExchangeLog();
  const page = await serveNode(
    createServer(pageListener(() => state)),
    await portFor(options.port),
  );
  const started: RunningApi[] = [page];
  const close = async (): Promise<void> => {
    await Promise.all(started.map((server) => server.close()));
  };
  try {
    const pageOrigin = `http://localhost:${page.port}`;
    const otherPageOrigin = `http://127.0.0.1:${page.port}`;
    const adapters: AdapterInfo[] = [];
    const policies: Cors[] = [];
    for (const [index, server] of apiServers.entries()) {
      const policy = createCors(defaultPolicy(pageOrigin));
      const wanted = options.port === 0 ? 0 : options.port + 1 + index;
      const running = await server.start({ policy, port: await portFor(wanted), log });
      // Once the app is built: Nest's CorsModule re-installs the policy with its overlay
      // (useOverlay), which resets a hook set before it.
      policy.onDecision(log.decisionHook(policy, server.incomingOf));
      started.push(running);
      policies.push(policy);
      adapters.push({ ...server.info, url: `http://localhost:${running.port}` });
    }
    const first = policies[0];
    if (first === undefined) throw new Error('no API server to start');
    state = {
      gate: { hosts: [`localhost:${page.port}`, `127.0.0.1:${page.port}`], token },
      config: () => ({
        runId,
        pageOrigin,
        otherPageOrigin,
        adapters,
        policy: policyState(first),
      }),
      policies,
      log,
      files,
      apiOrigins: adapters.map((adapter) => adapter.url),
      cookie: `corsica_playground=session-${runId}; Path=/; SameSite=Lax; HttpOnly`,
    };
    return {
      url: `${pageOrigin}/`,
      otherUrl: `${otherPageOrigin}/`,
      adapters,
      token,
      policies,
      movedPorts,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Everything the page needs, read once: a fixed set of paths, so no request reaches the disk. */
async function staticFiles(): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  const add = async (dir: URL, prefix: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const type = TYPES[name.slice(name.lastIndexOf('.'))];
      if (type === undefined) continue;
      files.set(`${prefix}${name}`, { type, body: await readFile(new URL(name, dir), 'utf8') });
    }
  };
  await add(PUBLIC_DIR, '/');
  try {
    await add(PAGE_DIR, '/page/');
  } catch {
    throw new Error(
      'The page is not built: run `pnpm start` from the repository root, or `pnpm --filter @corsica/playground build`.',
    );
  }
  if (!files.has('/page/app.js')) throw new Error('dist/page/app.js is missing: build the page');
  return files;
}
