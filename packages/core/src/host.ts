/**
 * What the core takes from the runtime it runs in, declared here and nowhere else (the package
 * compiles with `types: []`; a test checks that no other file declares an ambient global).
 *
 * WHATWG `URL`, which every runtime Corsica supports has (Node 20+, Bun, Deno, Workers): its host
 * parser is the one browsers use to serialize the host of an origin
 * (https://url.spec.whatwg.org/#concept-host-parser): IDNA to punycode, IPv4 in every form
 * (`0x7f.1` is `127.0.0.1`), IPv6 lowercase and compressed.
 */

interface ParsedUrl {
  readonly hostname: string;
}

declare const URL: new (input: string) => ParsedUrl;

/** `host` as browsers serialize it in an origin, or undefined when the URL parser refuses it. */
export function serializeHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}
