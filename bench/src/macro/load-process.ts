/**
 * The load generator, in its own process so it can be pinned to its own core: it runs one
 * autocannon job per IPC message and answers with what the report needs.
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadReply, ReadyMessage } from './protocol.ts';

/** Every response time of one run. autocannon's own histogram keeps whole milliseconds, too coarse on loopback. */
class ResponseTimes {
  #times = new Float64Array(1 << 16);
  #count = 0;

  add(milliseconds: number): void {
    if (this.#count === this.#times.length) {
      const grown = new Float64Array(this.#times.length * 2);
      grown.set(this.#times);
      this.#times = grown;
    }
    this.#times[this.#count++] = milliseconds;
  }

  get count(): number {
    return this.#count;
  }

  percentile(fraction: number): number {
    if (this.#count === 0) return Number.NaN;
    const sorted = this.#times.slice(0, this.#count).sort();
    return sorted[Math.min(this.#count - 1, Math.ceil(fraction * this.#count) - 1)] ?? Number.NaN;
  }
}

function runLoad(job: LoadJob): Promise<LoadReply> {
  const times = new ResponseTimes();
  const statuses: Record<string, number> = {};
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    pipelining: job.pipelining,
    duration: job.seconds,
    // The run stops on a sample tick: 250 ms lets runs and warm-ups last fractions of a second.
    sampleInt: 250,
    requests: job.requests.map((request) => ({
      method: request.method as 'GET',
      path: request.path,
      headers: { ...request.headers },
    })),
  };
  const cpuBefore = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error !== null && error !== undefined) {
        reject(error);
        return;
      }
      const cpu = process.cpuUsage(cpuBefore);
      resolve({
        type: 'load',
        responses: times.count,
        seconds: (result.finish.getTime() - result.start.getTime()) / 1000,
        p99Ms: times.percentile(0.99),
        errors: result.errors + result.timeouts,
        statuses,
        cpuMicros: cpu.user + cpu.system,
      });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.add(responseTime);
      const key = String(statusCode);
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
  });
}

process.on('message', (job: LoadJob) => {
  runLoad(job).then(
    (reply) => process.send?.(reply),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
// The benchmark owns this process: when it goes, so does this one.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', port: 0 } satisfies ReadyMessage);
