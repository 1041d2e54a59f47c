/**
 * CPU time the whole machine spent, from /proc/stat, to tell how much of a run's window went to
 * processes other than the benchmark's (other jobs on a shared machine).
 */
import { readFileSync } from 'node:fs';

/** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every common architecture. */
const MICROS_PER_TICK = 10_000;

/**
 * Busy time of all cores, in microseconds: user, nice and system, plus steal (time the hypervisor
 * gave our cores to someone else). Interrupt and softirq time are left out: part of it is the
 * benchmark's own loopback traffic, which processes are not charged for.
 * Undefined where /proc/stat does not exist.
 */
export function machineBusyMicros(): number | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'latin1');
  } catch {
    return undefined;
  }
  const total = text.slice(0, text.indexOf('\n')).split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , , , steal = 0] = total;
  return (user + nice + system + steal) * MICROS_PER_TICK;
}
