import { isUnsafePath } from './path-safety.ts';

/**
 * Route paths of per-path policies: `/health` (exact), `/users/:id` (`:name` is one non-empty
 * segment), `/api/*` (the prefix itself, `/api/`, and everything below; never `/apix`), and
 * combinations such as `/users/:id/*`. Matched segment by segment on the text the adapter passes,
 * case-sensitively; an optional method list restricts a route to some methods (for a preflight,
 * the method it asks about).
 */

const PARAM = Symbol('param');
type Segment = string | typeof PARAM;

const PARAM_NAME = /^:[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a route path is invalid, or undefined. */
export function routePathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with "/"';
  if (/[?#]/.test(path)) return 'must not contain a query or fragment';
  const star = path.indexOf('*');
  if (star !== -1 && (star !== path.length - 1 || !path.endsWith('/*'))) {
    return "may only end with '/*' (a segment-aware prefix), with no other '*'";
  }
  // The empty text before the leading '/' and a final '*' are no parameters.
  for (const segment of path.split('/')) {
    if (segment.startsWith(':') && !PARAM_NAME.test(segment)) {
      return `has the parameter ${JSON.stringify(segment)}; a parameter is ':' and a name of letters, digits and '_', alone in its segment`;
    }
  }
  if (isUnsafePath(path, path.length)) {
    return "must not contain dot segments, '//', backslashes, or encoded slashes, backslashes or unreserved characters";
  }
  return undefined;
}

/**
 * A route path as a router that ignores letter case (`fold`) or a trailing slash (`strip`) sees it.
 * Lowercasing a whole route path is safe: parameter names do not take part in matching.
 */
export function normalizeRoutePath(path: string, fold: boolean, strip: boolean): string {
  let normalized = fold ? path.toLowerCase() : path;
  if (strip && normalized.length > 1 && normalized.endsWith('/')) {
    normalized = normalized.slice(0, -1);
  }
  return normalized;
}

export class RoutePattern<TTarget> {
  readonly source: string;
  readonly target: TTarget;
  readonly #segments: readonly Segment[];
  readonly #prefix: boolean;
  readonly #methods: ReadonlySet<string> | undefined;
  /** For exact routes: the path itself, looked up in a map. */
  readonly exactPath: string | undefined;

  /** @param path A path that passed `routePathProblem`. */
  constructor(path: string, methods: readonly string[] | undefined, target: TTarget) {
    this.source = path;
    this.target = target;
    this.#prefix = path.endsWith('/*');
    const body = this.#prefix ? path.slice(0, -2) : path;
    // `/` is one empty segment; the prefix `/*` (body '') has none.
    this.#segments = body
      .split('/')
      .slice(1)
      .map((segment) => (segment.startsWith(':') ? PARAM : segment));
    // Express, Koa's router, Fastify and Hono serve HEAD with the GET handler: so does the route.
    this.#methods =
      methods === undefined
        ? undefined
        : new Set(methods.includes('GET') ? [...methods, 'HEAD'] : methods);
    this.exactPath = !this.#prefix && !this.#segments.includes(PARAM) ? path : undefined;
  }

  appliesTo(method: string): boolean {
    return this.#methods === undefined || this.#methods.has(method);
  }

  /**
   * Whether `path.slice(0, end)` (which starts with `/`) matches, segment by segment. A parameter
   * is one non-empty segment; with `emptyLastParameter`, a last one may be empty (`/files/`).
   */
  matches(path: string, end: number, emptyLastParameter: boolean): boolean {
    let position = 1;
    const segments = this.#segments;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as Segment;
      if (position > end) return false;
      let segmentEnd = path.indexOf('/', position);
      if (segmentEnd === -1 || segmentEnd > end) segmentEnd = end;
      if (segment === PARAM) {
        // Fastify's router gives `/files/` to `/files/:name`, with an empty name.
        const emptyAllowed = emptyLastParameter && i === segments.length - 1 && segmentEnd === end;
        if (segmentEnd === position && !emptyAllowed) return false;
      } else if (segmentEnd - position !== segment.length || !path.startsWith(segment, position)) {
        return false;
      }
      position = segmentEnd + 1;
    }
    return this.#prefix || position === end + 1;
  }

  /**
   * Most specific first: more literal segments, then more segments, then exact shapes before
   * prefixes, then method-specific routes before routes for every method.
   */
  static bySpecificity<T>(a: RoutePattern<T>, b: RoutePattern<T>): number {
    return (
      b.#literalCount() - a.#literalCount() ||
      b.#segments.length - a.#segments.length ||
      Number(a.#prefix) - Number(b.#prefix) ||
      Number(a.#methods === undefined) - Number(b.#methods === undefined)
    );
  }

  #literalCount(): number {
    return this.#segments.filter((segment) => segment !== PARAM).length;
  }
}
