import { parseArgs } from 'node:util';

/** The page's default port; the API servers take the seven after it. */
export const DEFAULT_PORT = 4300;

/** `--port N`, else `PORT`, else the default; 0 means free ports for everything. */
export function requestedPort(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const { values } = parseArgs({
    // `pnpm start -- --port 0` passes the `--` on.
    args: argv.filter((arg) => arg !== '--'),
    options: { port: { type: 'string' } },
    allowPositionals: true,
  });
  const text = values.port ?? env['PORT'];
  if (text === undefined || text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_528) {
    throw new Error(`--port ${text}: give a port from 0 to 65528 (0: any free ports)`);
  }
  return port;
}
