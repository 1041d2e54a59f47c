import type { CorsInput } from '@corsica/cors-core';

/**
 * What an adapter provides to be tested: a way to start its framework on a real socket with a
 * Corsica policy and the small test application below.
 *
 * The test application, written in the framework's own idiom:
 *
 * | route | behaviour |
 * |---|---|
 * | any method, `/api/*` (every path that starts with `/api/`) | answer 200, body `ran`, header `x-corsica-handler: ran` |
 * | `GET /get-only` | the same, declared for GET only (the framework serves HEAD from it) |
 * | any method, `/vary` | add `Accept-Encoding` to `Vary` the way an app does in this framework, then answer as `/api/*` |
 * | any method, `/vary-replaced` | set `Vary: Accept-Encoding`, replacing what `Vary` held (express `res.set`, koa `ctx.set`, fastify `reply.header`, node `res.setHeader`, Hono `c.header` without `append`, Nest `@Header`), then answer as `/api/*` |
 * | any method, `/throw` | throw an `Error` and leave it to the framework's own error handling |
 * | any method, `/throw-with-headers` | raise a 404 error carrying the header `Vary: Accept-Language`, the way the framework applies an error's headers (express `next(err)` with `err.status`/`err.headers`, koa `ctx.throw(404, msg, { headers })`, fastify an error with `statusCode`/`headers`, Hono `HTTPException` with its own `Response`); where errors carry no headers, the closest idiom (node:http `res.writeHead(404, headers)`, a fetch handler returning such a Response, Nest setting the header and throwing `NotFoundException`) |
 * | any method, `/throw-non-error` | throw the string `'boom'`, not an `Error`; the framework's error handling answers 500 (node:http and fetch handlers have none: there the test application catches it and answers 500 itself) |
 * | any method, `/admin` and every path below it | the admin area, routed the framework's usual way (case, trailing slash and `;` as its router treats them): answer as `/api/*`, plus header `x-corsica-area: admin` |
 * | anything else | nothing: the framework's own 404 |
 *
 * Handlers accept any body and any content type: the kit sends `Content-Type` on bodiless requests,
 * which frameworks that parse bodies (fastify) would otherwise refuse before any handler runs.
 *
 * The CORS layer is installed app-wide, in front of every route, the way the adapter's README
 * tells users to install it.
 */
export interface AdapterHarness {
  /** Shown in test names and summaries, e.g. `express 5`. */
  readonly name: string;
  /**
   * Starts a server on 127.0.0.1 with an ephemeral port. Must throw (or reject) with the core's
   * `CorsConfigError` when `cors` is an invalid policy, as the adapter does when it is built: the
   * vectors with refused policies and the adapter cases marked `refused` check exactly that.
   */
  start(cors: CorsInput<unknown>, options: StartOptions): Promise<TestServer>;
  /**
   * The server's runtime removes `Content-Length` from every 204 response, whatever the handler
   * sets (Bun, Deno and workerd do; RFC 9110 §8.6 forbids it there). The kit then checks that a
   * preflight answered with 204 has none, rather than `Content-Length: 0`.
   */
  readonly dropsContentLengthOn204?: boolean;
  /**
   * Reads the `Host` header from what the adapter gives origin predicates (express `req`, koa
   * `ctx`, Hono `c`…), in the framework's own idiom: the kit's tenant case proves predicates see
   * the framework's request.
   */
  hostOf(context: unknown): string | undefined;
}

export interface StartOptions {
  /**
   * The case whose policy this is (`vector:<id>` or `case:<id>`; the first one, when several share
   * it), for harnesses that rebuild the policy in another process, where functions cannot go.
   */
  readonly caseId: string;
  /**
   * Node's `maxHeaderSize` for the server: 256 KiB for the vectors' 64-200 KB headers, or
   * `undefined` to leave Node's default (16 KiB).
   */
  readonly maxHeaderSize: number | undefined;
}

export interface TestServer {
  /** e.g. `http://127.0.0.1:39511`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The header the test application's handlers set, so the kit can tell whether one ran. */
export const HANDLER_MARKER = 'x-corsica-handler';
/** Its value. */
export const HANDLER_RAN = 'ran';
/** The header the test application's admin area (`/admin` and below) sets, whatever the spelling. */
export const AREA_MARKER = 'x-corsica-area';
/** Its value. */
export const AREA_ADMIN = 'admin';
/** The `maxHeaderSize` the kit asks for: the vectors carry headers of up to 200 KB. */
export const LARGE_HEADER_LIMIT: number = 256 * 1024;
