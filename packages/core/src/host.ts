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
 */

interface ParsedUrl {
  readonly hostname: string;
}

declare const URL: new (input: string) => ParsedUrl;
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

/** `host` as browsers serialize it in an origin, or undefined when the URL parser refuses it. */
export function serializeHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** Calls `callback` after `ms` milliseconds, unless the returned function is called first. */
export function after(ms: number, callback: () => void): () => void {
  const handle = setTimeout(callback, ms);
  // Node's timers would keep the process alive; a pending CORS check must not.
  (handle as { unref?: () => void } | undefined)?.unref?.();
  return () => clearTimeout(handle);
}
