import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { CorsDecision, CorsHandle, CorsRequest } from '@corsica/cors-core';
import type {
  AdapterId,
  DecisionRecord,
  Exchange,
  ExchangeList,
  HeaderLine,
} from './page/types.ts';

/** Exchanges kept in memory; the page reads the last few after each send. */
const KEPT = 500;

type MutableExchange = {
  -readonly [TKey in keyof Exchange]: Exchange[TKey];
};

/**
 * What every API server received and answered, for the page to read same-origin: a page cannot
 * read a response the browser blocked, nor see a preflight at all.
 *
 * Two sources per request: a `request` listener prepended to the server's own (so it sees every
 * request before the framework, preflights included, and the head of the response as it is
 * written), and the policy's decision hook, which the adapter calls with the framework's request.
 * They meet on the `IncomingMessage`.
 */
export class ExchangeLog {
  readonly #exchanges: MutableExchange[] = [];
  readonly #byRequest = new WeakMap<object, MutableExchange>();
  /** Explanations are built asynchronously; a list waits for those of the exchanges it returns. */
  readonly #pending = new Map<number, Promise<void>>();
  #seq = 0;

  /** Records every request `server` receives, for `adapter`. */
  watch(server: Server, adapter: AdapterId): void {
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      const exchange = this.#arrive(request, adapter);
      const writeHead = response.writeHead;
      // Frameworks write the head through writeHead (node's implicit header included), with
      // headers set before and, sometimes, headers passed to it: both are what went out.
      response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
        exchange.status = Number(args[0]);
        const given = args.find((arg, index) => index > 0 && typeof arg === 'object');
        // As node merges them: a field passed to writeHead replaces one of the same name.
        const passed = lines(given);
        const replaced = new Set(passed.map(([name]) => name));
        exchange.responseHeaders = [
          ...lines(this.getHeaders()).filter(([name]) => !replaced.has(name)),
          ...passed,
        ];
        return Reflect.apply(writeHead, this, args) as ServerResponse;
      } as ServerResponse['writeHead'];
    });
  }

  /**
   * The decision hook for one server's policy. `incomingOf` finds the `IncomingMessage` in the
   * context the adapter passes (the framework's request: express `req`, koa `ctx`, fastify
   * `request`, Hono `c`…).
   */
  decisionHook(
    policy: CorsHandle,
    incomingOf: (context: unknown) => IncomingMessage | undefined,
  ): (decision: CorsDecision, request: CorsRequest<unknown>) => void {
    return (decision, request) => {
      const incoming = incomingOf(request.context);
      const exchange = incoming === undefined ? undefined : this.#byRequest.get(incoming);
      if (exchange === undefined) return;
      const revision = policy.revision;
      const logRecord = policy.toLogRecord(decision, request);
      const record = (explanation: string): DecisionRecord => ({
        kind: decision.kind,
        allowed: decision.allowed,
        reason: decision.reason ?? null,
        value: decision.value ?? null,
        status: decision.status ?? null,
        headers: decision.headers.map(([name, value]) => [name, value] as const),
        vary: [...decision.vary],
        explanation,
        logRecord,
        revision,
      });
      exchange.decision = record('');
      const explained = policy.explain(decision).then(
        (explanation) => {
          exchange.decision = record(explanation);
        },
        (error: unknown) => {
          exchange.decision = record(`explain() failed: ${String(error)}`);
        },
      );
      this.#pending.set(exchange.seq, explained);
      void explained.finally(() => this.#pending.delete(exchange.seq));
    };
  }

  /** Called by the application's handler: the request got past the CORS layer. */
  reachedHandler(request: object): void {
    const exchange = this.#byRequest.get(request);
    if (exchange !== undefined) exchange.reachedHandler = true;
  }

  /** Exchanges after `since`, optionally of one adapter, once their explanations are ready. */
  async list(since: number, adapter?: AdapterId): Promise<ExchangeList> {
    const latest = this.#seq;
    const selected = this.#exchanges.filter(
      (exchange) => exchange.seq > since && (adapter === undefined || exchange.adapter === adapter),
    );
    await Promise.all(selected.map((exchange) => this.#pending.get(exchange.seq)));
    return { latest, exchanges: selected.map((exchange) => ({ ...exchange })) };
  }

  #arrive(request: IncomingMessage, adapter: AdapterId): MutableExchange {
    const { headers } = request;
    const method = request.method ?? '';
    const exchange: MutableExchange = {
      seq: ++this.#seq,
      adapter,
      method,
      url: request.url ?? '',
      origin: typeof headers.origin === 'string' ? headers.origin : null,
      preflight:
        method === 'OPTIONS' &&
        headers.origin !== undefined &&
        headers['access-control-request-method'] !== undefined,
      requestHeaders: pairs(request.rawHeaders),
      status: null,
      responseHeaders: [],
      reachedHandler: false,
      decision: null,
    };
    this.#exchanges.push(exchange);
    if (this.#exchanges.length > KEPT) this.#exchanges.shift();
    this.#byRequest.set(request, exchange);
    return exchange;
  }
}

/** `rawHeaders` is `[name, value, name, value, …]`, exactly as received. */
function pairs(raw: readonly string[]): HeaderLine[] {
  const result: HeaderLine[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i] as string, raw[i + 1] as string]);
  return result;
}

/**
 * Response headers as lines, from `getHeaders()` or what `writeHead` was given (an object, a list
 * of pairs, or a flat list); repeated fields (Set-Cookie) stay separate lines.
 */
export function lines(headers: unknown): HeaderLine[] {
  if (typeof headers !== 'object' || headers === null) return [];
  let entries: [string, unknown][];
  if (!Array.isArray(headers)) entries = Object.entries(headers as OutgoingHttpHeaders);
  else if (headers.every(Array.isArray))
    entries = headers.map((pair) => [String(pair[0]), pair[1]]);
  else {
    entries = [];
    for (let i = 0; i + 1 < headers.length; i += 2)
      entries.push([String(headers[i]), headers[i + 1]]);
  }
  const result: HeaderLine[] = [];
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      result.push([name.toLowerCase(), String(one)]);
    }
  }
  return result;
}
