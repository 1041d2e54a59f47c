/**
 * The server processes of a run, all started up front and kept alive between repetitions, so the
 * repetitions can be interleaved without paying start-up and warm-up again.
 */
import type { Arm } from './arms.ts';
import { armLabel } from './arms.ts';
import { IpcChild } from './child.ts';
import type { ProbeStatuses } from './probe.ts';
import { probe } from './probe.ts';

export interface RunningServer {
  readonly arm: Arm;
  readonly process: IpcChild;
  /** What each request kind got when probed: the no-CORS preflight status says what the app does. */
  readonly statuses: ProbeStatuses;
}

/** Servers starting at once: tsx compiles each on start, and there are two cores. */
const STARTING_AT_ONCE = 2;

/**
 * Starts and probes a server per arm, pinned to `core` when given. Every process started is pushed
 * to `started` as soon as it exists, so the caller can stop them all, whatever fails.
 */
export async function startServers(
  arms: readonly Arm[],
  core: number | undefined,
  started: IpcChild[],
): Promise<RunningServer[]> {
  const servers: RunningServer[] = new Array(arms.length);
  let next = 0;
  let failed = false;
  const startNext = async (): Promise<void> => {
    while (next < arms.length && !failed) {
      const index = next++;
      const arm = arms[index]!;
      const name = `${arm.framework.id} / ${armLabel(arm)}`;
      try {
        const child = await IpcChild.start(
          name,
          './server-process.ts',
          [arm.framework.id, arm.variant],
          core,
        );
        started.push(child);
        servers[index] = { arm, process: child, statuses: await probe(arm, child.port) };
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // Settled, not all: a failure must not leave a sibling starting a process nobody will stop.
  const outcomes = await Promise.allSettled(Array.from({ length: STARTING_AT_ONCE }, startNext));
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  return servers;
}
