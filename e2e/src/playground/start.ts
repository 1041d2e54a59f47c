import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `pnpm start` is defined. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The line the playground prints once every server listens. */
const READY = /Corsica playground: (http:\/\/localhost:\d+\/)/;

/** `pnpm start` builds what is missing first: minutes on a cold cache and two busy cores. */
const START_TIMEOUT_MS = 10 * 60_000;

export interface StartedPlayground {
  /** The URL `pnpm start` printed. */
  readonly url: string;
  /** Everything it printed so far (for failure reports). */
  output(): string;
  /** Stops `pnpm` and every process under it (turbo, tsx, node). */
  stop(): Promise<void>;
}

/**
 * Runs the real `pnpm start --port 0` (free ports, so a playground the developer left running is
 * no obstacle) in a process group of its own, and waits for the URL it prints.
 */
export async function startPlayground(): Promise<StartedPlayground> {
  const child = spawn('pnpm', ['start', '--port', '0'], {
    cwd: ROOT,
    // Its own process group: stop() signals the group, reaching pnpm's children too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // If this process dies without reaching stop(), the playground must not outlive it.
  const killOnExit = (): void => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopGroup(child);
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`pnpm start printed no URL in ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
      const look = (): void => {
        const match = READY.exec(output);
        if (match?.[1] === undefined) return;
        clearTimeout(timer);
        resolve(match[1]);
      };
      child.stdout?.on('data', look);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`pnpm start exited (${signal ?? code}) before printing its URL`));
      });
      child.once('error', reject);
    });
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- pnpm start printed:\n${output}`);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM to the group (the playground closes its servers), SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') signalGroup(child, 'SIGKILL');
  // pnpm may exit before its children do: make sure nothing of the group is left.
  signalGroup(child, 'SIGKILL');
}
