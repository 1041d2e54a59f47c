import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AsyncCors, Cors, CorsDecision, CorsDenialReason } from '@corsica/cors-core';
import { createCors, isPendingDecision } from '@corsica/cors-core';
import type { Policy } from '../policies.ts';

/**
 * How Corsica's core decides a request: `allowed`, `non-cors`, or the denial reason; `pending`
 * while an asynchronous origin predicate has not answered.
 */
export type CoreVerdict = 'allowed' | 'non-cors' | 'pending' | CorsDenialReason;

/** A request as it reached the server's socket, before any framework or CORS layer saw it. */
export interface Arrival {
  readonly method: string;
  readonly url: string;
  /** OPTIONS with Origin and Access-Control-Request-Method: what browsers send as a preflight. */
  readonly preflight: boolean;
  readonly origin: string | undefined;
  readonly requestMethod: string | undefined;
  readonly requestHeaders: string | undefined;
  readonly cookie: string | undefined;
  /** What the core decides for this request under the server's policy, and the offending value. */
  core: CoreVerdict;
  coreValue: string | undefined;
  /** The status and headers the server answered with; undefined until it answers. */
  status: number | undefined;
  headers: Readonly<Record<string, string>>;
}

/** A request as the test application's handler saw it: proof that the handler ran. */
export interface Handled {
  readonly method: string;
  readonly url: string;
  readonly cookie: string | undefined;
}

/**
 * Everything one server received and answered: what the browser sent (preflights included, which
 * the CORS layer answers before any handler) and which requests reached a handler. One log per
 * server, shared by the scenarios running against it; each scenario reads the entries under its own
 * path segment.
 */
export class RequestLog {
  readonly #arrivals: Arrival[] = [];
  readonly #handled: Handled[] = [];
  /** The core, compiled from the same options the adapter got, to say why a request was denied. */
  readonly #core: Cors | AsyncCors;

  constructor(policy: Policy) {
    this.#core = createCors(policy);
  }

  /**
   * Records every request `server` receives. Prepended, so it runs before the framework's own
   * listener; the status and headers are taken when they are written, before they leave the process,
   * so they are in the log by the time the browser sees the response.
   */
  watch(server: Server): void {
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      const arrival = this.#arrive(request);
      const writeHead = response.writeHead;
      response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
        arrival.status = Number(args[0]);
        const given = args.find((arg, index) => index > 0 && typeof arg === 'object');
        arrival.headers = { ...flatten(this.getHeaders()), ...flatten(given) };
        return Reflect.apply(writeHead, this, args) as ServerResponse;
      } as ServerResponse['writeHead'];
    });
  }

  /** Called by the test application's handlers, in each framework's idiom. */
  handled(method: string, url: string, cookie: string | undefined): void {
    this.#handled.push({ method, url, cookie });
  }

  /** A position in the log, to read what came after it. */
  mark(): LogMark {
    return { arrivals: this.#arrivals.length, handled: this.#handled.length };
  }

  /** What arrived for the scenario with id `id` since `mark`. */
  arrivalsSince(mark: LogMark, id: string): Arrival[] {
    return this.#arrivals.slice(mark.arrivals).filter((entry) => belongsTo(entry.url, id));
  }

  /** What the handlers saw for the scenario with id `id` since `mark`. */
  handledSince(mark: LogMark, id: string): Handled[] {
    return this.#handled.slice(mark.handled).filter((entry) => belongsTo(entry.url, id));
  }

  #arrive(request: IncomingMessage): Arrival {
    const { headers } = request;
    const method = request.method ?? '';
    const url = request.url ?? '';
    const arrival: Arrival = {
      method,
      url,
      preflight:
        method === 'OPTIONS' &&
        headers.origin !== undefined &&
        headers['access-control-request-method'] !== undefined,
      origin: headers.origin,
      requestMethod: one(headers['access-control-request-method']),
      requestHeaders: one(headers['access-control-request-headers']),
      cookie: headers.cookie,
      core: 'pending',
      coreValue: undefined,
      status: undefined,
      headers: {},
    };
    const settle = (decision: CorsDecision): void => {
      arrival.core = decision.kind === 'non-cors' ? 'non-cors' : (decision.reason ?? 'allowed');
      arrival.coreValue = decision.value;
    };
    // Asked before the adapter asks its own copy of the policy, so an asynchronous predicate
    // answers here first, and the verdict is in the log before the response leaves.
    const decision = this.#core.decide({ method, header: (name) => headers[name], path: url });
    if (isPendingDecision(decision)) void decision.then(settle);
    else settle(decision);
    this.#arrivals.push(arrival);
    return arrival;
  }
}

export interface LogMark {
  readonly arrivals: number;
  readonly handled: number;
}

/** Scenario paths end with the scenario's id as their last segment. */
function belongsTo(url: string, id: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path.endsWith(`/${id}`);
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Response headers as lowercase name to one value, from getHeaders() or what writeHead was given. */
function flatten(headers: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) return flat;
  const entries: [string, unknown][] = Array.isArray(headers)
    ? pairsOf(headers)
    : Object.entries(headers as OutgoingHttpHeaders);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    const key = name.toLowerCase();
    flat[key] = key in flat ? `${flat[key]}, ${text}` : text;
  }
  return flat;
}

/** writeHead also takes headers as `[[name, value], …]` or as a flat `[name, value, …]` list. */
function pairsOf(list: unknown[]): [string, unknown][] {
  if (list.every(Array.isArray)) return list.map((pair) => [String(pair[0]), pair[1]]);
  const pairs: [string, unknown][] = [];
  for (let i = 0; i + 1 < list.length; i += 2) pairs.push([String(list[i]), list[i + 1]]);
  return pairs;
}
