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
}

/** Options of a policy with at least one asynchronous origin predicate. */
export interface AsyncCorsOptions<TContext = unknown>
  extends CorsPolicyOptions<AsyncCorsOrigins<TContext>> {
  readonly routes?: readonly CorsRoute<AsyncCorsOrigins<TContext>>[];
  readonly onError?: (error: unknown, request: CorsRequest<TContext>) => void;
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
  /** A sentence saying what happened and, for a denial, what to change. Built when read. */
  readonly message: string;
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

/** A compiled policy whose decisions are always synchronous. */
export interface Cors<TContext = unknown> {
  decide(request: CorsRequest<TContext>): CorsDecision;
}

/**
 * A compiled policy with an asynchronous origin predicate. Requests that need the predicate
 * are decided asynchronously; the rest (no Origin, a malformed Origin) synchronously.
 */
export interface AsyncCors<TContext = unknown> {
  decide(request: CorsRequest<TContext>): CorsDecision | Promise<CorsDecision>;
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
