/**
 * What the playground process and its page exchange, as JSON. Shared by both sides (types only),
 * so this file uses neither Node nor DOM types.
 */

/** One header field line, as it crossed the wire: name as sent, value. */
export type HeaderLine = readonly [name: string, value: string];

/** The adapters the playground runs, one API server each. */
export const ADAPTER_IDS = [
  'express',
  'koa',
  'fastify',
  'node-http',
  'hono',
  'nest-express',
  'nest-fastify',
] as const;
export type AdapterId = (typeof ADAPTER_IDS)[number];

/** One API server, as `/config.json` announces it. */
export interface AdapterInfo {
  readonly id: AdapterId;
  /** As shown to people: `Express 5`, `Nest on fastify`… */
  readonly name: string;
  /** The package a user installs for it. */
  readonly packageName: string;
  /** `http://localhost:<port>`. */
  readonly url: string;
}

/** The policy fields the page edits; anything else the core accepts may be sent too. */
export interface EditablePolicy {
  readonly origins: string | readonly string[];
  readonly credentials: boolean | readonly string[];
  readonly methods: string | readonly string[];
  readonly allowedHeaders: string | readonly string[];
  readonly exposedHeaders: string | readonly string[];
  readonly maxAge?: number | undefined;
}

/** `/config.json`. */
export interface PlaygroundConfig {
  readonly runId: string;
  /** `http://localhost:P`: the page origin the default policy allows. */
  readonly pageOrigin: string;
  /** `http://127.0.0.1:P`: the same page on an origin the default policy does not list. */
  readonly otherPageOrigin: string;
  readonly adapters: readonly AdapterInfo[];
  readonly policy: PolicyState;
}

/** The policy in force on every API server: `getOptions()` as JSON, and its revision. */
export interface PolicyState {
  readonly revision: number;
  /** `cors.getOptions()`; functions (there are none unless the code adds them) are left out. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** One problem of a refused policy: `CorsConfigError.problems[i]`, as JSON. */
export interface ConfigProblem {
  readonly code: string;
  readonly option: string;
  readonly value: unknown;
  readonly message: string;
}

/** The answer to `POST /control/policy`. */
export type PolicyUpdate =
  | { readonly applied: true; readonly policy: PolicyState }
  | {
      readonly applied: false;
      /** The policy still in force. */
      readonly policy: PolicyState;
      readonly problems: readonly ConfigProblem[];
      /** `explainConfigError(error)`. */
      readonly explanation: string;
    };

/** Corsica's decision for one request, with its explanation, as the API server's policy made it. */
export interface DecisionRecord {
  readonly kind: 'non-cors' | 'preflight' | 'actual';
  readonly allowed: boolean;
  readonly reason: string | null;
  readonly value: string | null;
  readonly status: number | null;
  readonly headers: readonly HeaderLine[];
  readonly vary: readonly string[];
  /** `cors.explain(decision)`: what failed or what allowed it, and the fix. */
  readonly explanation: string;
  /** `cors.toLogRecord(decision, request)`. */
  readonly logRecord: unknown;
  /** The policy revision that decided. */
  readonly revision: number;
}

/** One request an API server received, and what it answered. */
export interface Exchange {
  /** Increasing across all servers of one run. */
  readonly seq: number;
  readonly adapter: AdapterId;
  readonly method: string;
  /** The request target as received. */
  readonly url: string;
  readonly origin: string | null;
  /** OPTIONS with Origin and Access-Control-Request-Method: a CORS preflight. */
  readonly preflight: boolean;
  readonly requestHeaders: readonly HeaderLine[];
  /** Undefined until the response head is written. */
  readonly status: number | null;
  /**
   * The headers the application and its framework wrote. Node adds `Date`, `Connection` and
   * `Keep-Alive` on the way out; they are not shown.
   */
  readonly responseHeaders: readonly HeaderLine[];
  /** Whether the request reached the application's handler (preflights never should). */
  readonly reachedHandler: boolean;
  readonly decision: DecisionRecord | null;
}

/** `GET /api/exchanges?since=N`. */
export interface ExchangeList {
  /** The highest `seq` so far; pass it as `since` to read only what comes after. */
  readonly latest: number;
  readonly exchanges: readonly Exchange[];
}

/** The header carrying the per-run token on every `/api/…` and `/control/…` request. */
export const TOKEN_HEADER = 'x-playground-token';
