import { fork } from 'node:child_process';
import type { Job, JobResult } from './jobs.ts';
import { progress } from './progress.ts';

const ENTRY = new URL('./job-process.ts', import.meta.url);

type Message = { readonly result: JobResult } | { readonly error: string };

/**
 * Runs one job in a fresh Node process with the same loader and conditions as this one (tsx,
 * `@corsica/source`), and resolves with its result; rejects with the child's error.
 */
export function runInChildProcess(job: Job, quick: boolean): Promise<JobResult> {
  const started = performance.now();
  const took = (): string => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [job, String(quick)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: Message | undefined;
    child.on('message', (message: Message) => {
      answer = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      progress(`${job}: done in ${took()}`);
      if (answer === undefined)
        reject(new Error(`the ${job} process exited (${signal ?? code}) without a result`));
      else if ('error' in answer) reject(new Error(answer.error));
      else resolve(answer.result);
    });
  });
}
