/** Messages between the benchmark and its child processes (servers and the load generator), over IPC. */
import type { BenchRequest } from './policy.ts';

/** Every child says this once it can take requests (a server: once it listens). */
export interface ReadyMessage {
  readonly type: 'ready';
  /** The port a server listens on; 0 for the load generator. */
  readonly port: number;
}

/** Asked of a server just before and just after a measured run. */
export interface SampleRequest {
  readonly type: 'sample';
}

export interface SampleReply {
  readonly type: 'sample';
  /** `process.cpuUsage()` user + system, in microseconds, since the server process started. */
  readonly cpuMicros: number;
  /** Requests the server has received since it started. */
  readonly served: number;
}

/** Asked of the load generator: load `url` with `requests` (cycled per connection) for a while. */
export interface LoadJob {
  readonly type: 'load';
  readonly url: string;
  readonly requests: readonly BenchRequest[];
  readonly connections: number;
  readonly pipelining: number;
  readonly seconds: number;
}

export interface LoadReply {
  readonly type: 'load';
  /** Responses received. */
  readonly responses: number;
  /** Wall time of the run, in seconds. */
  readonly seconds: number;
  /** 99th percentile response time, in milliseconds, over every response. */
  readonly p99Ms: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** Responses counted per status code. */
  readonly statuses: Readonly<Record<string, number>>;
  /** The load generator's own CPU time over the run (user + system), in microseconds. */
  readonly cpuMicros: number;
}

export type ChildMessage = ReadyMessage | SampleReply | LoadReply;

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && 'type' in value;
}
