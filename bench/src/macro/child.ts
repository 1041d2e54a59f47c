/**
 * Child processes of the benchmark (servers and the load generator): started under tsx with the
 * `@corsica/source` condition, so workspace packages run from their TypeScript sources as in the
 * rest of the bench, optionally pinned to one core with `taskset`, and spoken to over IPC.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './protocol.ts';
import { isChildMessage } from './protocol.ts';

/** The bench package, whose node_modules hold tsx. */
const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/** Whether `taskset` can pin processes here (installed, allowed, and two cores to pin to). */
export function canPin(): boolean {
  if (availableParallelism() < 2) return false;
  const probe = spawnSync('taskset', ['-c', '1', 'true'], { stdio: 'ignore' });
  return probe.status === 0;
}

export class IpcChild {
  readonly name: string;
  readonly port: number;
  readonly #process: ChildProcess;
  #pending: ((message: ChildMessage) => void) | undefined;
  #exited = false;

  private constructor(name: string, child: ChildProcess, port: number) {
    this.name = name;
    this.#process = child;
    this.port = port;
    child.on('message', (message: unknown) => {
      const resolve = this.#pending;
      this.#pending = undefined;
      if (resolve !== undefined && isChildMessage(message)) resolve(message);
    });
  }

  /**
   * Starts `entry` (a file of this directory) with `args` and resolves once it says it is ready.
   * @param core The core to pin it to, or undefined to leave it to the scheduler.
   */
  static start(
    name: string,
    entry: string,
    args: readonly string[],
    core: number | undefined,
  ): Promise<IpcChild> {
    const script = fileURLToPath(new URL(entry, import.meta.url));
    const node = [
      process.execPath,
      '--import',
      'tsx',
      '--conditions=@corsica/source',
      script,
      ...args,
    ];
    const [command, ...commandArgs] =
      core === undefined ? node : ['taskset', '-c', `${core}`, ...node];
    // Children write to our stderr: stdout carries the report.
    const child = spawn(command ?? process.execPath, commandArgs, {
      cwd: BENCH_DIR,
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${name} was not ready after ${READY_TIMEOUT_MS / 1000} s`));
      }, READY_TIMEOUT_MS);
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        clearTimeout(timer);
        reject(new Error(`${name} exited before it was ready (${signal ?? `code ${code}`})`));
      };
      child.once('exit', onExit);
      child.once('error', onExit.bind(undefined, null, null));
      child.once('message', (message: unknown) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        if (!isChildMessage(message) || message.type !== 'ready') {
          child.kill('SIGKILL');
          reject(new Error(`${name} sent ${JSON.stringify(message)} instead of ready`));
          return;
        }
        const ipcChild = new IpcChild(name, child, message.port);
        child.once('exit', () => {
          ipcChild.#exited = true;
        });
        resolve(ipcChild);
      });
    });
  }

  /** Sends `message` and resolves with the child's next message (one question at a time). */
  ask(message: object): Promise<ChildMessage> {
    if (this.#exited) return Promise.reject(new Error(`${this.name} has exited`));
    return new Promise((resolve, reject) => {
      const onExit = (): void => reject(new Error(`${this.name} exited while answering`));
      this.#process.once('exit', onExit);
      this.#pending = (reply) => {
        this.#process.off('exit', onExit);
        resolve(reply);
      };
      this.#process.send(message);
    });
  }

  /** Ends the child (SIGTERM, then SIGKILL if it lingers) and resolves once it has exited. */
  stop(): Promise<void> {
    if (this.#exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#process.kill('SIGKILL'), STOP_TIMEOUT_MS);
      this.#process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.#process.kill('SIGTERM');
    });
  }
}
