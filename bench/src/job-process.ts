/**
 * Entry point of the child process that runs one job (see jobs.ts): `job-process.ts <job> <quick>`.
 * Sends `{ result }` or `{ error }` to the parent over IPC, then exits.
 */

import { isJob, runJob } from './jobs.ts';
import { FULL, QUICK, SCALE_FULL } from './measure.ts';
import { progress } from './progress.ts';

const [job = '', quick = 'false'] = process.argv.slice(2);

function send(message: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      reject(new Error('job-process.ts runs as a child of run.ts, with an IPC channel'));
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

try {
  if (!isJob(job)) throw new Error(`unknown job ${JSON.stringify(job)}`);
  const settings = quick === 'true' ? QUICK : job.startsWith('scale:') ? SCALE_FULL : FULL;
  const result = await runJob(job, settings, progress);
  await send({ result });
} catch (error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  await send({ error: message });
}
process.disconnect?.();
