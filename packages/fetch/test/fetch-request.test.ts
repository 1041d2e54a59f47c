import { createCors } from '@corsica/cors-core';
import { APP, EVIL } from '@corsica/cors-testkit';
import { describe, expect, it } from 'vitest';
import { fetchRequestView } from '../src/index.ts';

/**
 * Which path per-path policies see for a Fetch `Request`: the URL's, the target as sent where
 * @hono/node-server resolved it, or none for a URL no parser accepts. A `/docs` route grants `*`;
 * the top level grants only the app.
 */
const cors = createCors({ origins: [APP], routes: [{ path: '/docs', origins: '*' }] });

function decide(request: Request, env?: unknown, routed?: string) {
  const decision = cors.decide(fetchRequestView(request, undefined, env, routed));
  const allowOrigin = new Map(decision.headers).get('access-control-allow-origin');
  return { allowOrigin, reason: decision.reason };
}

const get = (url: string) => new Request(url, { headers: { Origin: EVIL } });

describe('fetchRequestView: the path per-path policies see', () => {
  it("is the URL's path, query left out, when the handler has no env", () => {
    expect(decide(get('http://localhost/docs?page=2'))).toStrictEqual({
      allowOrigin: '*',
      reason: undefined,
    });
    expect(decide(get('http://localhost/docs'), null).allowOrigin).toBe('*');
  });

  it('is the routed path when the framework gives one (Hono: c.req.path)', () => {
    expect(decide(get('http://localhost/somewhere'), undefined, '/docs').allowOrigin).toBe('*');
    expect(decide(get('http://localhost/docs'), undefined, '/items').allowOrigin).toBeUndefined();
    // Also on @hono/node-server, where the server kept the target as sent (the URL ends with it).
    const kept = { incoming: { url: '/%64ocs' } };
    expect(decide(get('http://localhost/%64ocs'), kept, '/docs').allowOrigin).toBe('*');
  });

  it('is the target as sent when @hono/node-server resolved dot segments out of request.url', () => {
    // The request reached /docs only through `..`: the core refuses an ambiguous path.
    const resolved = decide(get('http://localhost/docs'), { incoming: { url: '/x/../docs' } });
    expect(resolved.allowOrigin).toBeUndefined();
    // A target the server kept as sent is the URL's own path.
    const kept = decide(get('http://localhost/docs'), { incoming: { url: '/docs' } });
    expect(kept.allowOrigin).toBe('*');
  });

  it("is the URL's path under an env of other things (Workers' bindings)", () => {
    expect(decide(get('http://localhost/docs'), { ITEMS: 'a KV namespace' }).allowOrigin).toBe('*');
    expect(decide(get('http://localhost/docs'), { incoming: 'a queue' }).allowOrigin).toBe('*');
  });

  it('ignores an env.incoming.url that does not lead to request.url', () => {
    const elsewhere = decide(get('http://localhost/docs'), { incoming: { url: '/other' } });
    expect(elsewhere.allowOrigin).toBe('*');
    const unparsable = decide(get('http://localhost/docs'), { incoming: { url: '//[{' } });
    expect(unparsable.allowOrigin).toBe('*');
    // Only a string is a target, even one whose text would lead there.
    const notText = { incoming: { url: { toString: () => '/x/../docs' } } };
    expect(decide(get('http://localhost/docs'), notText).allowOrigin).toBe('*');
  });

  it('is none for a request.url no URL parser accepts (Deno hands `http://[/x` on): never a grant', () => {
    // `new Request()` refuses such a URL; Deno's server does not. This is the request it hands on.
    const deno = {
      url: 'http://[/docs',
      method: 'GET',
      headers: new Headers({ Origin: EVIL }),
    } as unknown as Request;
    expect(decide(deno).allowOrigin).toBeUndefined();
    const app = { ...deno, headers: new Headers({ Origin: APP }) } as unknown as Request;
    expect(decide(app).allowOrigin).toBeUndefined();
  });
});
