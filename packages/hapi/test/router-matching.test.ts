import { APP, corsHeadersOf, EVIL, exchange, fromOrigin } from '@corsica/cors-testkit';
import type { ServerOptions } from '@hapi/hapi';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { hapiServer, serve } from './support.ts';

/**
 * The plugin tells the core how hapi's router reads a path (`router.isCaseSensitive`,
 * `router.stripTrailingSlash`). A spelling the router takes to `/docs` gets the `/docs` route's
 * policy; one it does not gets the top level's. EVIL reads `/docs` anonymously (`*`) and nothing
 * else.
 */
async function docsFor(options: ServerOptions, path: string, origin = EVIL) {
  const server = hapiServer(undefined, options);
  await server.register({
    plugin: cors,
    options: { origins: [APP], routes: [{ path: '/docs', origins: '*' }] },
  });
  server.route({ method: 'GET', path: '/docs', handler: () => 'docs' });
  const [response] = await exchange(() => serve(server), fromOrigin(origin, 'GET', path));
  return { status: response?.status, cors: response && corsHeadersOf(response) };
}

const open = { status: 200, cors: { 'access-control-allow-origin': ['*'] } };
const closed = { status: 404, cors: { vary: ['Origin'] } };

describe('the spellings of a path hapi routes, as the plugin tells the core', () => {
  it.each([
    ['default settings: /docs/ is another path', {}, '/docs/', closed],
    [
      'router.stripTrailingSlash: /docs/ is /docs',
      { router: { stripTrailingSlash: true } },
      '/docs/',
      open,
    ],
    ['default settings: /DOCS is another path', {}, '/DOCS', closed],
    [
      'router.isCaseSensitive false: /DOCS is /docs',
      { router: { isCaseSensitive: false } },
      '/DOCS',
      open,
    ],
  ] as const)('%s', async (_what, options, path, expected) => {
    expect(await docsFor(options, path)).toStrictEqual(expected);
  });
});
describe('a trailing slash the router does not ignore', () => {
  it('is a path of its own: the top level answers it, without doubt (no path-ambiguous denial)', async () => {
    expect(await docsFor({}, '/docs/', APP)).toStrictEqual({
      status: 404,
      cors: { 'access-control-allow-origin': [APP], vary: ['Origin'] },
    });
  });
});
