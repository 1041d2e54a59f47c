import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import type { Options } from '@koa/cors';
import koaCors from '@koa/cors';
import Koa from 'koa';
import type { Peer } from '../peer.ts';
import { buildLayer } from '../peer.ts';
import { fixedPreflightStatus, originsOf, STAR_WITH_CREDENTIALS } from '../policy.ts';
import { listen } from '../serve.ts';

const LIBRARY = '@koa/cors';

/** @koa/cors on koa 3, installed app-wide in front of the application's own middleware. */
export const koaPeer: Peer<Options> = {
  id: '@koa/cors',
  library: '`@koa/cors` on koa',
  packageName: '@koa/cors',
  frameworkPackage: 'koa',
  configuration: [
    "`origin`: `'*'`, or (the library takes a single origin or a function) a function returning the request's Origin when it is one of the exact origins or matches a subdomain pattern's anchored RegExp, else `''`, which the library reads as \"no CORS\".",
    '`credentials`, `allowMethods`, `allowHeaders`, `exposeHeaders` from the policy (`*` passed through as `*`); `maxAge` as a string (the library drops a numeric 0); `privateNetworkAccess` from the policy.',
  ],
  map(policy) {
    const skips: string[] = [];
    const credentials = policy.allowCredentials;
    const status = policy.preflightSuccessStatus;
    if (status !== null && status !== 204) skips.push(fixedPreflightStatus(LIBRARY, status));
    if (credentials && policy.allowedMethods === '*')
      skips.push(STAR_WITH_CREDENTIALS.methods(LIBRARY));
    if (credentials && policy.allowedHeaders === '*')
      skips.push(STAR_WITH_CREDENTIALS.headers(LIBRARY));
    if (credentials && policy.exposedHeaders === '*')
      skips.push(STAR_WITH_CREDENTIALS.exposed(LIBRARY));
    if (Array.isArray(policy.allowedHeaders) && policy.allowedHeaders.length === 0)
      skips.push(
        'allowedHeaders []: @koa/cors reads an empty allowHeaders as unset and then reflects Access-Control-Request-Headers, so it cannot state "no request headers"',
      );
    if (skips.length > 0) return { skip: skips.join('; ') };
    const origins = originsOf(policy);
    const list = (value: '*' | readonly string[]): string | string[] =>
      value === '*' ? '*' : [...value];
    return {
      options: {
        origin:
          origins === '*'
            ? '*'
            : (ctx) => {
                const origin = ctx.get('Origin');
                return origins.allows(origin) ? origin : '';
              },
        credentials,
        allowMethods: list(policy.allowedMethods),
        allowHeaders: list(policy.allowedHeaders),
        exposeHeaders: list(policy.exposedHeaders),
        ...(policy.maxAgeSeconds === null ? {} : { maxAge: String(policy.maxAgeSeconds) }),
        privateNetworkAccess: policy.allowPrivateNetwork,
      },
    };
  },
  async start(options, maxHeaderSize) {
    const middleware = buildLayer(() => koaCors(options));
    const app = new Koa();
    app.silent = true;
    app.use(middleware);
    app.use(async (ctx, next) => {
      if (!ctx.path.startsWith('/api/')) return next();
      ctx.set(HANDLER_MARKER, HANDLER_RAN);
      ctx.body = HANDLER_RAN;
    });
    return listen(app.callback(), maxHeaderSize);
  },
};
