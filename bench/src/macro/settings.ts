/**
 * How long and how hard each server is loaded; the full run is bounded to about 7 minutes.
 *
 * Pipelining: on two cores one autocannon process cannot keep a fast server's core busy with one
 * request in flight per connection, and a half-idle server wakes up once per request, so its CPU
 * per request swings with the client's pace (A/A differences of ±30 µs without it on the
 * reference machine). Ten requests in flight per connection keep the server busy: req/s comes
 * close to what the server can do, and CPU per request is measured in one steady regime.
 */

export interface LoadSettings {
  /** Length of one measured run, in seconds (a multiple of the load generator's 250 ms tick). */
  readonly seconds: number;
  /** Discarded load on each server before its first measurement, in seconds. */
  readonly warmupSeconds: number;
  readonly repetitions: number;
  readonly connections: number;
  readonly pipelining: number;
  /**
   * Time, in seconds, that may go to measuring a run again because other processes took more than
   * `maxForeignShare` of the machine during it (on a shared machine): the run's bound.
   */
  readonly retrySeconds: number;
  /** Share of the machine's CPU other processes may take during a run before it is measured again. */
  readonly maxForeignShare: number;
  /** Attempts at one measurement at most; the least disturbed one is kept. */
  readonly maxAttempts: number;
}

export const FULL_SETTINGS: LoadSettings = {
  seconds: 1.5,
  warmupSeconds: 2,
  repetitions: 4,
  connections: 10,
  pipelining: 10,
  retrySeconds: 40,
  maxForeignShare: 0.1,
  maxAttempts: 3,
};

export const QUICK_SETTINGS: LoadSettings = {
  seconds: 1,
  warmupSeconds: 0.5,
  repetitions: 1,
  connections: 10,
  pipelining: 10,
  retrySeconds: 0,
  maxForeignShare: 0.1,
  maxAttempts: 1,
};
