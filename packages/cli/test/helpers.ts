import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../src/index.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `corsica` in-process with fake streams (not a TTY unless `tty`). */
export async function runCli(
  argv: readonly string[],
  options: { env?: Record<string, string | undefined>; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const isTTY = options.tty === true;
  const code = await main(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY },
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

/**
 * Runs the real bin (src/bin.ts through tsx) as a child process, resolving workspace packages to
 * their sources as the tests do.
 */
export function spawnBin(
  argv: readonly string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=@corsica/source', '--import', 'tsx', BIN, ...argv],
      {
        cwd: PACKAGE_DIR,
        env: { PATH: process.env['PATH'] ?? '', ...env },
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        if (code === null) {
          reject(error);
          return;
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}
