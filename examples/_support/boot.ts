import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';

/**
 * Starts an example the way its README says (`node src/server.js`, on an ephemeral port) and waits
 * for the line `listening on http://127.0.0.1:<port>` that every example prints.
 */
export interface BootedExample {
  readonly url: string;
  stop(): Promise<void>;
}

export function bootExample(
  cwd: string,
  command: readonly string[] = ['node', 'src/server.js'],
): Promise<BootedExample> {
  const [program, ...args] = command as [string, ...string[]];
  const child: ChildProcess = spawn(program, args, {
    cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the example did not start in 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ url: match[1] as string, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the example exited with ${code}:\n${output}`));
    });
  });
}
