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
 * | any method, `/throw` | throw an `Error` and leave it to the framework's own error handling |
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
   * `CorsConfigError` when `cors` is an invalid policy, as the adapter does when it is built.
   */
  start(cors: CorsInput, options: StartOptions): Promise<TestServer>;
}

export interface StartOptions {
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
/** The `maxHeaderSize` the kit asks for: the vectors carry headers of up to 200 KB. */
export const LARGE_HEADER_LIMIT: number = 256 * 1024;
