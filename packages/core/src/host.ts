/**
 * What the core takes from the runtime it runs in, declared here and nowhere else (the package
 * compiles with `types: []`; a test checks that no other file declares an ambient global, and
 * that this one declares only these).
 *
 * - WHATWG `URL`, which every runtime Corsica supports has (Node 20+, Bun, Deno, Workers): its
 *   host parser is the one browsers use to serialize the host of an origin
 *   (https://url.spec.whatwg.org/#concept-host-parser): IDNA to punycode, IPv4 in every form
 *   (`0x7f.1` is `127.0.0.1`), IPv6 lowercase and compressed.
 * - `setTimeout` and `clearTimeout`, for the timeout of asynchronous origin predicates. Every
 *   runtime has them, so the core takes them itself rather than asking each adapter for a
 *   scheduler: one reviewed declaration instead of one more duty per adapter.
 * - `console` and `process`, for the development log that adapters without a logger of their own
 *   share (`adapter/console-log.ts`): `console.warn`, and `NODE_ENV` where the runtime has a
 *   `process` (Node, Bun, Deno). Workers have none: naming it there throws, so it is only ever
 *   reached through `typeof`. Nothing else in the core reads them; decisions read no environment.
 */

interface ParsedUrl {
  readonly hostname: string;
  readonly href: string;
}

declare const URL: new (input: string, base?: string) => ParsedUrl;
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare const console: { warn(line: string): void };
declare const process: { readonly env?: Readonly<Record<string, string | undefined>> } | undefined;

/** `input` (resolved against `base`) as the URL parser reads it, or undefined when it refuses it. */
export function parseUrl(input: string, base?: string): ParsedUrl | undefined {
  try {
    return new URL(input, base);
  } catch {
    return undefined;
  }
}

/** `host` as browsers serialize it in an origin, or undefined when the URL parser refuses it. */
export function serializeHost(host: string): string | undefined {
  return parseUrl(`http://${host}`)?.hostname;
}

/** Calls `callback` after `ms` milliseconds, unless the returned function is called first. */
export function after(ms: number, callback: () => void): () => void {
  const handle = setTimeout(callback, ms);
  // Node's timers would keep the process alive; a pending CORS check must not.
  (handle as { unref?: () => void } | undefined)?.unref?.();
  return () => clearTimeout(handle);
}

/** Writes a line of the development log to the runtime's console, as a warning. */
export function consoleWarn(line: string): void {
  console.warn(line);
}

/**
 * `NODE_ENV` as the runtime says it: read from `process.env` where there is a `process`, and
 * `'production'` where there is none (Workers), since development cannot be told from production
 * there. May throw (Deno without `--allow-env`): `developmentLog` counts that as production too.
 */
export function runtimeNodeEnv(): string | undefined {
  return typeof process === 'undefined' ? 'production' : process.env?.['NODE_ENV'];
}
