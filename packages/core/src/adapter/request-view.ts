import type { CorsRequestHeaderName } from '../protocol/headers.ts';
import type { CorsHeaderValue, CorsRequest, PathMatching } from '../types.ts';

/**
 * The core's view of a request, for adapters, without copying headers: `header` is asked only for
 * the four lowercase names CORS uses. Two shapes cover every framework: a plain record keyed by
 * lowercase names (Node's `req.headers`, hapi's `request.headers`), and a `get(name)` lookup
 * (Fetch `Headers`).
 */

/** Headers as a record keyed by lowercase name (Node, hapi). */
export type HeaderRecord = Readonly<Record<string, CorsHeaderValue | number>>;

/** Headers behind a lookup, case-insensitive (Fetch `Headers`). */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** The parts of a request a view is made of. */
export interface RequestParts<TContext> {
  readonly method: string | undefined;
  /** The path the application's router matches on (only read under per-path policies). */
  readonly path?: string | (() => string | undefined) | undefined;
  readonly pathMatching?: PathMatching | undefined;
  /** The framework's own request, for origin predicates. */
  readonly context?: TContext;
}

class RecordRequest<TContext> implements CorsRequest<TContext> {
  readonly method: string | undefined;
  readonly pathMatching: PathMatching | undefined;
  readonly context: TContext | undefined;
  readonly #headers: HeaderRecord;
  readonly #path: string | (() => string | undefined) | undefined;

  constructor(headers: HeaderRecord, parts: RequestParts<TContext>) {
    this.method = parts.method;
    this.pathMatching = parts.pathMatching;
    this.context = parts.context;
    this.#headers = headers;
    this.#path = parts.path;
  }

  get path(): string | undefined {
    const path = this.#path;
    return typeof path === 'function' ? path() : path;
  }

  header(name: CorsRequestHeaderName): CorsHeaderValue {
    const value = this.#headers[name];
    return typeof value === 'number' ? String(value) : value;
  }
}

class LookupRequest<TContext> implements CorsRequest<TContext> {
  readonly method: string | undefined;
  readonly pathMatching: PathMatching | undefined;
  readonly context: TContext | undefined;
  readonly #headers: HeaderLookup;
  readonly #path: string | (() => string | undefined) | undefined;

  constructor(headers: HeaderLookup, parts: RequestParts<TContext>) {
    this.method = parts.method;
    this.pathMatching = parts.pathMatching;
    this.context = parts.context;
    this.#headers = headers;
    this.#path = parts.path;
  }

  get path(): string | undefined {
    const path = this.#path;
    return typeof path === 'function' ? path() : path;
  }

  header(name: CorsRequestHeaderName): string | null {
    return this.#headers.get(name);
  }
}

/**
 * A request view over a header record or a header lookup. `path` may be a function, called only
 * when a policy with `routes` needs it (some frameworks parse the URL to produce it).
 */
export function requestView<TContext>(
  headers: HeaderRecord | HeaderLookup,
  parts: RequestParts<TContext>,
): CorsRequest<TContext> {
  return typeof (headers as HeaderLookup).get === 'function'
    ? new LookupRequest(headers as HeaderLookup, parts)
    : new RecordRequest(headers as HeaderRecord, parts);
}
