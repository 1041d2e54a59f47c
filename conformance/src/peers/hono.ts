import type { TestServer } from '@corsica/cors-testkit';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Peer } from '../peer.ts';
import { buildLayer } from '../peer.ts';
import {
  fixedPreflightStatus,
  noPrivateNetworkOption,
  originsOf,
  STAR_WITH_CREDENTIALS,
} from '../policy.ts';

const LIBRARY = 'hono/cors';

type HonoCorsOptions = NonNullable<Parameters<typeof cors>[0]>;

/** hono/cors on Hono 4, served by @hono/node-server, as `app.use('*', cors(options))`. */
export const honoPeer: Peer<HonoCorsOptions> = {
  id: 'hono/cors',
  library: '`hono/cors` on Hono (@hono/node-server)',
  packageName: 'hono',
  frameworkPackage: '@hono/node-server',
  configuration: [
    "`origin`: `'*'`, the array of exact origins, or (when the policy has subdomain patterns) a function returning the request's Origin when it is one of the exact origins or matches a pattern's anchored RegExp, else `null`.",
    "`allowMethods`: the policy's list; `['*']` for `*` without credentials; with credentials, `*` is a function naming the requested method (the library's documented dynamic form).",
    "`credentials`, `allowHeaders`, `exposeHeaders` and `maxAge` from the policy (`*` passed through as `['*']`).",
  ],
  map(policy) {
    const skips: string[] = [];
    const credentials = policy.allowCredentials;
    const status = policy.preflightSuccessStatus;
    if (policy.allowPrivateNetwork) skips.push(noPrivateNetworkOption(LIBRARY));
    if (status !== null && status !== 204) skips.push(fixedPreflightStatus(LIBRARY, status));
    if (credentials && policy.allowedHeaders === '*')
      skips.push(STAR_WITH_CREDENTIALS.headers(LIBRARY));
    if (credentials && policy.exposedHeaders === '*')
      skips.push(STAR_WITH_CREDENTIALS.exposed(LIBRARY));
    if (Array.isArray(policy.allowedHeaders) && policy.allowedHeaders.length === 0)
      skips.push(
        'allowedHeaders []: hono/cors reads an empty allowHeaders as unset and then reflects Access-Control-Request-Headers, so it cannot state "no request headers"',
      );
    if (skips.length > 0) return { skip: skips.join('; ') };
    const origins = originsOf(policy);
    const list = (value: '*' | readonly string[]): string[] => (value === '*' ? ['*'] : [...value]);
    let origin: HonoCorsOptions['origin'];
    if (origins === '*') origin = '*';
    else if (origins.patterns.length === 0) origin = [...origins.exact];
    else origin = (requestOrigin) => (origins.allows(requestOrigin) ? requestOrigin : null);
    const allowMethods: HonoCorsOptions['allowMethods'] =
      policy.allowedMethods === '*' && credentials
        ? (_origin, c) => {
            const requested = c.req.header('Access-Control-Request-Method');
            return requested === undefined ? [] : [requested];
          }
        : list(policy.allowedMethods);
    return {
      options: {
        origin,
        credentials,
        allowMethods,
        allowHeaders: list(policy.allowedHeaders),
        exposeHeaders: list(policy.exposedHeaders),
        ...(policy.maxAgeSeconds === null ? {} : { maxAge: policy.maxAgeSeconds }),
      },
    };
  },
  start(options, maxHeaderSize) {
    const middleware = buildLayer(() => cors(options));
    const app = new Hono();
    app.use('*', middleware);
    app.all('/api/*', (c) => {
      c.header(HANDLER_MARKER, HANDLER_RAN);
      return c.text(HANDLER_RAN);
    });
    return new Promise<TestServer>((resolve) => {
      const server = serve(
        { fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: { maxHeaderSize } },
        (info) => {
          resolve({
            url: `http://127.0.0.1:${info.port}`,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done());
              }),
          });
        },
      );
    });
  },
};
