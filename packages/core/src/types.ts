import type { CorsRequestHeaderName } from './protocol/headers.ts';
import type { CORS_DENIAL_REASONS } from './reasons.ts';

/** A request header as an adapter holds it: one value, one per field line, or absent. */
export type CorsHeaderValue = string | readonly string[] | null | undefined;

/**
 * The framework-free request `decide` reads. Adapters build it without copying headers: `header`
 * is asked only for the four lowercase names CORS uses, and may return whatever the framework
 * stores (Node's `req.headers[name]`, a Fetch `headers.get(name)`).
 *
 * @typeParam TContext What origin predicates receive: the framework's own request object; `never`
 * (the default) for a request that carries none, whose predicates receive the request itself.
 */
export interface CorsRequest<TContext = never> {
  /** The request method, exactly as received (methods are case-sensitive). */
  readonly method: string | undefined;
  /** Case-insensitive header lookup; called with lowercase names only. */
  header(name: CorsRequestHeaderName): CorsHeaderValue;
  /**
   * The path the application's router matches on (with or without the query): the raw, undecoded
   * target for routers that match it undecoded (node:http, Express, Koa), the decoded path for
   * routers that decode first (Hono). Only read when the policy has `routes`.
   */
  readonly path?: string | undefined;
  /**
   * How the application's router compares paths, for per-path policies. Left out, the core
   * assumes nothing: it considers every way a router might match, and a spelling that could reach
   * routes with different policies gets no CORS access.
   */
  readonly pathMatching?: PathMatching | undefined;
  /**
   * The framework's own request, for origin predicates: express `req`, koa `ctx`, fastify
   * `request`, Hono `c`… Left out, predicates receive this request view itself.
   */
  readonly context?: TContext | undefined;
}

/**
 * How a router compares a request's path with its routes. `'unknown'` where it cannot be known
 * (a setting of a sub-router, say): the core then considers both ways.
 */
export interface PathMatching {
  /** `true`: `/Admin` and `/admin` are different paths; `false`: the router ignores letter case. */
  readonly caseSensitive: boolean | 'unknown';
  /** `'ignored'`: the router serves `/admin/` with the `/admin` route (and the reverse). */
  readonly trailingSlash: 'significant' | 'ignored' | 'unknown';
}

/**
 * Decides synchronously whether a well-formed origin is allowed. `context` is the framework's own
 * request (typed by the adapter), e.g. to look up a tenant by `Host`.
 */
export type OriginPredicate<TContext = CorsRequest> = (
  origin: string,
  context: TContext,
) => boolean;
/** Decides asynchronously (a database or tenant lookup) whether a well-formed origin is allowed. */
export type AsyncOriginPredicate<TContext = CorsRequest> = (
  origin: string,
  context: TContext,
) => Promise<boolean>;

/** What may stand in `origins`. */
export type CorsOrigins<TContext = unknown> = '*' | readonly string[] | OriginPredicate<TContext>;
/** What may stand in `origins` of a policy whose predicate is asynchronous. */
export type AsyncCorsOrigins<TContext = unknown> =
  | CorsOrigins<TContext>
  | AsyncOriginPredicate<TContext>;

/** How preflight requests are answered. */
export interface CorsPreflightOptions {
  /**
   * Status of a successful preflight answered by the CORS layer, 200-299. Default `204`, sent with
   * `Content-Length: 0`. Use `200` for legacy clients that mishandle 204.
   */
  readonly successStatus?: number;
  /**
   * Pass preflights on to the application after setting their headers, instead of ending them.
   * Default `false`. The application must then answer with an ok status itself.
   */
  readonly continue?: boolean;
}

/** The policy options every route may override. */
export interface CorsPolicyOptions<TOrigins = CorsOrigins> {
  /**
   * Who may read responses. Required; Corsica has no default origin.
   * - a list of exact serialized origins (`'https://app.example.com'`, `'http://localhost:3000'`);
   * - subdomain patterns: `'https://*.example.com'` matches one or more whole labels before
   *   `example.com`, never `example.com` itself;
   * - port patterns: `'http://localhost:*'` matches any port;
   * - `'*'`: any origin, answered with the literal `*` (never with credentials);
   * - a predicate `(origin, context) => boolean | Promise<boolean>`, called only with
   *   well-formed origins; `context` is the framework's request (express `req`, koa `ctx`…).
   */
  readonly origins?: TOrigins;
  /**
   * Whether allowed origins may send credentials (cookies, HTTP auth, client certificates).
   * Default `false`.
   * - `true`: every allowed origin, with `Access-Control-Allow-Credentials: true`;
   * - a list of origins and patterns: a tiered policy. The listed origins get credentials; the
   *   other allowed origins (e.g. every origin under `origins: '*'`) read anonymously.
   */
  readonly credentials?: boolean | readonly string[];
  /**
   * Methods allowed besides the CORS-safelisted GET, HEAD and POST, which never need listing.
   * Case-sensitive. Default `[]`. `'*'` allows any method (echoed by name, so it works with
   * credentials too).
   */
  readonly methods?: '*' | readonly string[];
  /**
   * Request headers scripts may send, case-insensitive. Default `[]`. `'*'` allows any name except
   * `Authorization`, which Fetch never covers by a wildcard: write `['*', 'Authorization']`.
   */
  readonly allowedHeaders?: '*' | readonly string[];
  /**
   * Response headers scripts may read besides the CORS-safelisted ones. Default `[]`. `'*'` exposes
   * all, and only works without credentials.
   */
  readonly exposedHeaders?: '*' | readonly string[];
  /**
   * Seconds a browser may cache a successful preflight, 0-86400. Default: not sent (browsers then
   * use 5 s). Chromium caps it at 7200, Firefox at 86400.
   */
  readonly maxAge?: number;
  /**
   * Legacy Private Network Access: answer `Access-Control-Request-Private-Network: true` with
   * `Access-Control-Allow-Private-Network: true`. Default `false`. Refused with `origins: '*'`.
   */
  readonly privateNetwork?: boolean;
  /** Preflight answering. */
  readonly preflight?: CorsPreflightOptions;
  /**
   * Answer actual requests from disallowed origins with 403 before the handler runs. Default
   * `false` (the handler runs; the browser withholds the response). Not a CSRF defence: simple
   * requests from forms and `<img>` carry no Origin or are sent regardless.
   */
  readonly rejectDisallowed?: boolean;
  /** Allow `'null'` in `origins` (sandboxed iframes, file: pages). Default `false`. */
  readonly dangerouslyAllowNullOrigin?: boolean;
  /** Allow `file://` entries in `origins`. Default `false`. */
  readonly dangerouslyAllowFileOrigins?: boolean;
  /** Allow plain-http, non-loopback origins together with credentials. Default `false`. */
  readonly dangerouslyAllowInsecureOrigins?: boolean;
  /** Allow patterns over public suffixes such as `https://*.github.io`. Default `false`. */
  readonly dangerouslyAllowPublicSuffixPatterns?: boolean;
  /**
   * Milliseconds an asynchronous origin predicate may take before the origin is denied (reason
   * `origin-check-timeout`). Default `5000`; `0` waits forever.
   */
  readonly timeout?: number;
  /**
   * Remember what an asynchronous origin predicate answered, for predicates that depend on the
   * origin alone (a tenant table). Off by default. Concurrent checks of one origin share one
   * call; allowed and denied origins are kept apart, so random hostile origins cannot push the
   * good ones out.
   */
  readonly cache?: CorsPredicateCacheOptions;
}

/** How an asynchronous origin predicate's answers are remembered (`cache`). */
export interface CorsPredicateCacheOptions {
  /** How long an allowed origin is remembered, in ms. */
  readonly ttlMs: number;
  /** How long a denied origin is remembered, in ms. Default: `ttlMs`. */
  readonly negativeTtlMs?: number;
  /** Most allowed origins remembered (least recently used go first). Default 1000. */
  readonly maxEntries?: number;
  /** Most denied origins remembered, separately. Default: `maxEntries`. */
  readonly maxNegativeEntries?: number;
  /** Most predicate calls in flight at once; past it, an origin is denied. Default 64. */
  readonly maxConcurrent?: number;
  /** The clock, in ms (tests inject one). Default `Date.now`. */
  readonly now?: () => number;
}

/** Where a per-path policy applies. */
export interface CorsRouteMatch {
  /** How problems name this route (`@Cors() on UsersController.remove`); default `routes[i]`. */
  readonly label?: string;
  /**
   * `/health` (exact), `/users/:id` (`:name` is one non-empty segment), `/api/*` (`/api`, `/api/`
   * and below, segment-aware), or combinations such as `/users/:id/*`.
   */
  readonly path: string;
  /**
   * Only for these methods (for a preflight, the method it asks about). Default: every method.
   */
  readonly method?: string | readonly string[];
}

/** A per-path policy: inherits the top-level options and overrides them key by key. */
export type CorsRoute<TOrigins = CorsOrigins> =
  | (CorsPolicyOptions<TOrigins> &
      CorsRouteMatch & {
        readonly disabled?: false;
      })
  | (CorsRouteMatch & {
      /** No CORS handling at all here: no headers, preflights pass on to the app. */
      readonly disabled: true;
    } & { readonly [TKey in keyof CorsPolicyOptions]?: never });

/** Options of a policy whose origin checks are all synchronous. */
export interface CorsOptions<TContext = unknown> extends CorsPolicyOptions<CorsOrigins<TContext>> {
  /** Per-path policies. The most specific matching path wins (exact, then longest prefix). */
  readonly routes?: readonly CorsRoute<CorsOrigins<TContext>>[];
  /**
   * Receives what origin predicates throw or reject, and what they return instead of a boolean;
   * the request is denied either way.
   */
  readonly onError?: (error: unknown, request: CorsRequest<TContext>) => void;
  /**
   * Called with every decision (after an asynchronous predicate settles), e.g. for metrics with
   * `cors.toLogRecord(decision, request)`. A hook that throws reaches `onError`; a promise it
   * returns is not awaited. The same as `cors.onDecision(hook)`.
   */
  readonly onDecision?: CorsDecisionHook<TContext>;
  /**
   * The development log the adapters write (through the framework's logger): `'denials'` (the
   * default outside production), `'all'`, `false` (the default when `NODE_ENV` is `production`),
   * or a function that receives the log record of every decision, in every environment.
   */
  readonly log?: CorsLogOption;
  /**
   * Debug mode: a preflight from an allowed origin that fails on its method or headers is
   * answered with the success status and only the allowed part of what it asked, so the browser
   * names what is missing. Never in production: see the README. Default `false`.
   */
  readonly debug?: boolean;
}

/** Options of a policy with at least one asynchronous origin predicate. */
export interface AsyncCorsOptions<TContext = unknown>
  extends CorsPolicyOptions<AsyncCorsOrigins<TContext>> {
  readonly routes?: readonly CorsRoute<AsyncCorsOrigins<TContext>>[];
  readonly onError?: (error: unknown, request: CorsRequest<TContext>) => void;
  readonly onDecision?: CorsDecisionHook<TContext>;
  readonly log?: CorsLogOption;
  readonly debug?: boolean;
}

/** Called with every decision and the request it was made for. */
export type CorsDecisionHook<TContext = unknown> = (
  decision: CorsDecision,
  request: CorsRequest<TContext>,
) => void;

/** What the development log writes: see `CorsOptions.log`. */
export type CorsLogOption = false | 'denials' | 'all' | ((record: CorsLogRecord) => void);

/**
 * One decision as a log record: a stable JSON shape (`schemaVersion` 1). Values a request carries
 * are passed through `sanitizeForLog`. `labels` have few distinct values, for metrics: an origin
 * the policy does not list is `other`.
 */
export interface CorsLogRecord {
  readonly schemaVersion: 1;
  readonly kind: CorsRequestKind;
  readonly allowed: boolean;
  readonly reason: CorsDenialReason | null;
  readonly origin: string | null;
  /** The request method. */
  readonly method: string | null;
  /** For a preflight, the method it asks for (`Access-Control-Request-Method`). */
  readonly requestedMethod: string | null;
  /** The path, without its query. */
  readonly path: string | null;
  /** For a preflight, `Access-Control-Request-Headers`. */
  readonly requestedHeaders: string | null;
  /** The route whose policy decided (`/api/*`), or `''` for the top level. */
  readonly route: string;
  /** The policy's revision: 1, plus one per `reconfigure`. */
  readonly revision: number;
  readonly labels: {
    readonly kind: CorsRequestKind;
    readonly allowed: 'true' | 'false';
    readonly reason: CorsDenialReason | 'none';
    /** The origin if the policy lists it exactly, `other` if not, `none` without Origin. */
    readonly origin: string;
    readonly route: string;
  };
}

/** Where an adapter sends development log lines: the framework's logger, per request. */
export interface CorsLogSink<TContext = unknown> {
  /** Writes one line; `context` is the framework's request (fastify's `request.log`…). */
  write(line: string, context: TContext | undefined): void;
  /** Whether the app runs in production (`NODE_ENV === 'production'`): no log by default. */
  readonly production: boolean;
}

/** A response header to set: lowercase name, exact value. */
export type CorsHeader = readonly [name: string, value: string];

/** Why a CORS request was denied. Stable codes. */
export type CorsDenialReason = (typeof CORS_DENIAL_REASONS)[number];

/** The kinds of request Fetch distinguishes (Fetch "HTTP requests"). */
export type CorsRequestKind = 'non-cors' | 'preflight' | 'actual';

interface DecisionCommon {
  /**
   * The CORS response headers to set, in a fixed order: `Access-Control-*` only. Never `Vary`
   * (see `vary`), never framing (see `status`).
   */
  readonly headers: readonly CorsHeader[];
  /** Tokens to append to the response's `Vary` (never replacing what the app set). */
  readonly vary: readonly string[];
}

/** No `Origin` header: outside the CORS protocol. The app answers; only `vary` (and a static `*`) apply. */
export interface NonCorsDecision extends DecisionCommon {
  readonly kind: 'non-cors';
  readonly allowed: true;
  readonly origin: undefined;
  readonly reason: undefined;
  readonly value: undefined;
  readonly status: undefined;
}

/** A CORS request the policy allows. */
export interface AllowedCorsDecision extends DecisionCommon {
  readonly kind: 'preflight' | 'actual';
  readonly allowed: true;
  /** The request's `Origin`, as received. */
  readonly origin: string;
  readonly reason: undefined;
  readonly value: undefined;
  /**
   * Set when the CORS layer answers the request itself (a preflight): end the response with this
   * status, an empty body and `Content-Length: 0` (`writeDecision` does). Undefined: hand the
   * request on to the application.
   */
  readonly status: number | undefined;
}

/** A CORS request the policy denies. */
export interface DeniedCorsDecision extends DecisionCommon {
  readonly kind: 'preflight' | 'actual';
  readonly allowed: false;
  readonly origin: string;
  /** Which check failed. */
  readonly reason: CorsDenialReason;
  /** The raw offending value: the origin, method, header name or path. */
  readonly value: string;
  /**
   * 403 for preflights (and with `rejectDisallowed`), ended like an allowed preflight; undefined:
   * hand on to the application.
   */
  readonly status: number | undefined;
}

/** What to do with one request. */
export type CorsDecision = NonCorsDecision | AllowedCorsDecision | DeniedCorsDecision;

/** What every compiled policy offers besides `decide`. */
export interface CorsHandle<TContext = unknown> {
  /**
   * A short explanation of a decision (or of the decision a request gets): the failing check,
   * the offending value and the option change that would allow it, or why Corsica refuses on
   * purpose; for an allowed request, the rule that allowed it. Built only when asked for.
   */
  explain(subject: CorsDecision | CorsRequest<TContext>): Promise<string>;
  /** The decision as a log record (`CorsLogRecord`); `request` adds its method, path and headers. */
  toLogRecord(decision: CorsDecision, request?: CorsRequest<TContext>): CorsLogRecord;
  /**
   * Sets (or, with `undefined`, clears) the decision hook: see `CorsOptions.onDecision`. The
   * request it receives carries the adapter's context as `unknown` here, so that one compiled
   * policy fits every adapter.
   */
  onDecision(hook: CorsDecisionHook<unknown> | undefined): void;
  /** Turns debug mode on or off: see `CorsOptions.debug`. */
  setDebug(enabled: boolean): void;
  /** For adapters: where the development log goes. Without a sink, nothing is logged. */
  useLog(sink: CorsLogSink<unknown>): void;
  /**
   * For adapters: options the framework adds (Nest's `@Cors()` routes), merged over the user's
   * options now and again after every `reconfigure`. It may be given options that already hold
   * what it added (`reconfigure(cors.getOptions())`), so it replaces rather than appends. Invalid
   * results throw a `CorsConfigError` naming `caller`, and change nothing.
   */
  useOverlay(
    overlay: (options: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>,
    caller?: string,
  ): void;
  /** 1, plus one per `reconfigure`. */
  readonly revision: number;
}

/** A compiled policy whose decisions are always synchronous. */
export interface Cors<TContext = unknown> extends CorsHandle<TContext> {
  decide(request: CorsRequest<TContext>): CorsDecision;
  /**
   * Puts new options in force at once, for every adapter holding this policy; decisions already
   * under way finish with the policy they started with. Invalid options throw a `CorsConfigError`
   * and the policy in force stays. `onError`, `onDecision`, `log` and `debug` stay as they are
   * unless the new options set them. The predicate cache, if any, starts empty. A synchronous
   * policy stays synchronous: an `async` predicate is refused (`reconfigure-sync-async`).
   */
  reconfigure(options: CorsOptions<TContext>): void;
  /**
   * The options in force, normalized: canonical origins (punycode hosts, no default port),
   * lowercase header names, every default written out; routes keep only their own keys.
   * Functions by reference. `createCors(cors.getOptions())` decides exactly as `cors` does.
   */
  getOptions(): CorsOptions<TContext>;
}

/**
 * A compiled policy with an asynchronous origin predicate. Requests that need the predicate
 * are decided asynchronously; the rest (no Origin, a malformed Origin) synchronously.
 */
export interface AsyncCors<TContext = unknown> extends CorsHandle<TContext> {
  decide(request: CorsRequest<TContext>): CorsDecision | Promise<CorsDecision>;
  /** See `Cors.reconfigure`; an asynchronous policy may also switch to synchronous checks. */
  reconfigure(options: CorsOptions<TContext> | AsyncCorsOptions<TContext>): void;
  /** See `Cors.getOptions`. */
  getOptions(): AsyncCorsOptions<TContext>;
}

/**
 * What adapters accept: options (compiled once, at construction) or a compiled policy.
 * `TContext` is what the adapter gives origin predicates: its framework's request. A policy
 * compiled with `createCors` for `unknown` (the default) fits every adapter; name the context to
 * read it in a predicate: `createCors<express.Request>({ origins: (origin, req) => … })`.
 */
export type CorsInput<TContext = unknown> =
  | CorsOptions<TContext>
  | AsyncCorsOptions<TContext>
  | Cors<TContext>
  | AsyncCors<TContext>;
