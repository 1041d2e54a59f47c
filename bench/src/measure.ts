import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { do_not_optimize, measure } from 'mitata';

/**
 * Timing of one operation on inputs built outside the clock, with mitata's computed parameters:
 * mitata calls `build` for every call of a batch before starting the timer, then times the batch.
 * So the time is the operation alone, on objects nobody has touched yet (fresh header strings
 * whose hashes are not cached).
 */
export interface Case<T> {
  readonly name: string;
  /** Untimed: a fresh input for one call. */
  build(): T;
  /**
   * Timed. May return a Promise (koa and Hono middleware); it is then awaited inside the clock.
   * A method, so that cases of different input types fit in one list.
   */
  run(input: T): unknown;
  /** Inputs built ahead of each timed batch: fewer for large inputs, to bound memory. */
  readonly batch?: number;
}

export interface Settings {
  /**
   * Every case is measured once per round, and rounds interleave the cases of a group: many short
   * rounds spread each case over the whole run, so that a burst of load elsewhere on the machine
   * spoils a few rounds of every case rather than every round of one.
   */
  readonly rounds: number;
  /**
   * Time per case and round, in milliseconds: mitata's `min_cpu_time`, which it doubles when it
   * collects garbage between batches and which counts those collections.
   */
  readonly millisecondsPerRound: number;
}

export const FULL: Settings = { rounds: 8, millisecondsPerRound: 60 };
export const QUICK: Settings = { rounds: 2, millisecondsPerRound: 15 };
/** The scale section has three times as many cases as a framework: shorter, to bound the run. */
export const SCALE_FULL: Settings = { rounds: 6, millisecondsPerRound: 45 };

export interface Timing {
  /** The best round's median, in nanoseconds per call: noise on a shared machine only adds. */
  readonly ns: number;
  /** Each round's median, in nanoseconds per call. */
  readonly rounds: readonly number[];
}

/**
 * Inputs per batch. mitata's default (4096) keeps thousands of request and response objects alive
 * while the clock runs, and every young-generation collection then copies them on the timed
 * path; 256 keeps that cost small while a batch still lasts far longer than the clock's resolution.
 */
const DEFAULT_BATCH = 256;
/** Batches per round at least (mitata's default is 12): short rounds of slow cases stay short. */
const MIN_BATCHES = 4;

/**
 * A young-generation collection after each batch's inputs are built and before the clock starts:
 * otherwise a collection triggered on the clock copies the batch's live request and response
 * objects (hundreds of kilobytes), charging milliseconds to whichever case happened to trigger it.
 * Garbage the timed code makes itself is still collected later, off the clock; its allocation
 * is timed.
 */
const collectYoungGeneration: (() => void) | undefined = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc !== 'function') return undefined;
    return () => (gc as (options: { type: string }) => void)({ type: 'minor' });
  } catch {
    return undefined;
  }
})();

type ComputedParameters = {
  readonly 0: () => unknown;
  readonly bench: (input: unknown) => unknown;
};

async function measureOnce(subject: Case<unknown>, settings: Settings): Promise<number> {
  // A Promise-returning operation must be awaited on the clock; a synchronous one is kept from
  // being optimized away instead.
  const probe = subject.run(subject.build());
  const isAsync = probe instanceof Promise;
  if (isAsync) await probe;
  const parameters: ComputedParameters = {
    0: () => subject.build(),
    bench: isAsync ? (input) => subject.run(input) : (input) => do_not_optimize(subject.run(input)),
  };
  const stats = await measure(
    function* () {
      yield parameters as never;
    },
    {
      batch_samples: subject.batch ?? DEFAULT_BATCH,
      min_samples: MIN_BATCHES,
      min_cpu_time: settings.millisecondsPerRound * 1e6,
      ...(collectYoungGeneration === undefined
        ? {}
        : { gc: collectYoungGeneration, inner_gc: true }),
    },
  );
  return stats.p50;
}

/**
 * Measures every case `settings.rounds` times, round-robin, and keeps each case's best median.
 * `onRound` reports progress after each round.
 */
export async function measureCases(
  cases: readonly Case<unknown>[],
  settings: Settings,
  onRound?: (round: number, rounds: number) => void,
): Promise<Map<string, Timing>> {
  const rounds = new Map<string, number[]>(cases.map((subject) => [subject.name, []]));
  for (let round = 0; round < settings.rounds; round++) {
    for (const subject of cases)
      rounds.get(subject.name)?.push(await measureOnce(subject, settings));
    onRound?.(round + 1, settings.rounds);
  }
  const timings = new Map<string, Timing>();
  for (const [name, medians] of rounds)
    timings.set(name, { ns: Math.min(...medians), rounds: medians });
  return timings;
}
