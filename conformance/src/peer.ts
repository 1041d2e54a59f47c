import type { NeutralPolicy, TestServer } from '@corsica/cors-testkit';

/**
 * One CORS library under test: how a neutral policy becomes its own options (or why it cannot),
 * and how to serve the kit's test application behind it on 127.0.0.1.
 */

/** What a mapper answers for one policy: the library's options, or why it cannot state the policy. */
export type Mapped<Options> = { readonly options: Options } | { readonly skip: string };

export interface Peer<Options> {
  /** Short and stable, used in test names and on stdout: `cors`, `@koa/cors`, … */
  readonly id: string;
  /** The row's name in CONFORMANCE.md. */
  readonly library: string;
  /** The npm package whose installed version the report shows. */
  readonly packageName: string;
  /** The npm package of the framework (or server) it runs on, whose version the report shows. */
  readonly frameworkPackage: string;
  /** How the mapper configures the library, one sentence per choice, for the report. */
  readonly configuration: readonly string[];
  /** The neutral policy in the library's own options, or `{ skip }` with the reason. */
  map(policy: NeutralPolicy): Mapped<Options>;
  /**
   * Serves the test application behind the library configured with `options`. Rejects with
   * {@link ConfigRejected} when the library refuses the options while the middleware is built.
   */
  start(options: Options, maxHeaderSize: number): Promise<TestServer>;
}

/** The library refused the options when building its middleware (the vectors' `configRejected`). */
export class ConfigRejected extends Error {
  override readonly name = 'ConfigRejected';
}

/**
 * Builds the CORS layer: an error thrown by the library's own factory means it refused the
 * configuration, which some vectors accept as an answer.
 */
export function buildLayer<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw new ConfigRejected(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

/**
 * A peer whose options type is erased, for lists of peers: `map` and `start` are methods, so a
 * `Peer<CorsOptions>` is one (each peer only ever gets back the options its own mapper made).
 */
export type AnyPeer = Peer<unknown>;
