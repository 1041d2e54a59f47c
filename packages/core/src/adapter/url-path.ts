import { parseUrl } from '../host.ts';

/**
 * Whether `target`, a request target as the client sent it (`/x/../docs`), resolves to `url`, the
 * absolute URL a server made of it; a target no URL parser accepts (`//[{`) does not.
 */
export function targetResolvesTo(target: string, url: string): boolean {
  return parseUrl(target, url)?.href === url;
}

/**
 * The path and query of `url`, an absolute URL as a Fetch runtime hands it on (`request.url`),
 * undecoded; undefined when no URL parser accepts it (Deno hands `http://[/x` on as it came).
 */
export function pathAndQueryOf(url: string): string | undefined {
  if (!targetResolvesTo(url, url)) return undefined;
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}
