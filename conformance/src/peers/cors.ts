import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import type { CorsOptions } from 'cors';
import cors from 'cors';
import type { RequestHandler } from 'express';
import express from 'express';
import type { Peer } from '../peer.ts';
import { buildLayer } from '../peer.ts';
import { noPrivateNetworkOption, originsOf, STAR_WITH_CREDENTIALS } from '../policy.ts';
import { listen } from '../serve.ts';

const LIBRARY = 'cors';

const ran: RequestHandler = (_req, res) => {
  res.set(HANDLER_MARKER, HANDLER_RAN).send(HANDLER_RAN);
};

/** expressjs/cors on express 5, installed app-wide with `app.use(cors(options))` as its README says. */
export const corsPeer: Peer<CorsOptions> = {
  id: 'cors',
  library: '`cors` on express',
  packageName: 'cors',
  frameworkPackage: 'express',
  configuration: [
    "`origin`: `'*'`, or an array of the exact origins (strings) and, for subdomain patterns, anchored and escaped RegExps (`^https://(?:[a-z0-9-]+\\.)+example\\.com$`).",
    '`credentials`, `methods`, `allowedHeaders`, `exposedHeaders` and `maxAge` from the policy (`*` passed through as `*`); `optionsSuccessStatus` when the policy sets a status; `preflightContinue: false`.',
  ],
  map(policy) {
    const skips: string[] = [];
    const credentials = policy.allowCredentials;
    if (policy.allowPrivateNetwork) skips.push(noPrivateNetworkOption(LIBRARY));
    if (credentials && policy.allowedMethods === '*')
      skips.push(STAR_WITH_CREDENTIALS.methods(LIBRARY));
    if (credentials && policy.allowedHeaders === '*')
      skips.push(STAR_WITH_CREDENTIALS.headers(LIBRARY));
    if (credentials && policy.exposedHeaders === '*')
      skips.push(STAR_WITH_CREDENTIALS.exposed(LIBRARY));
    if (skips.length > 0) return { skip: skips.join('; ') };
    const origins = originsOf(policy);
    return {
      options: {
        origin: origins === '*' ? '*' : [...origins.entries],
        credentials,
        methods: policy.allowedMethods === '*' ? '*' : [...policy.allowedMethods],
        allowedHeaders: policy.allowedHeaders === '*' ? '*' : [...policy.allowedHeaders],
        exposedHeaders: policy.exposedHeaders === '*' ? '*' : [...policy.exposedHeaders],
        ...(policy.maxAgeSeconds === null ? {} : { maxAge: policy.maxAgeSeconds }),
        ...(policy.preflightSuccessStatus === null
          ? {}
          : { optionsSuccessStatus: policy.preflightSuccessStatus }),
        preflightContinue: false,
      },
    };
  },
  async start(options, maxHeaderSize) {
    const middleware = buildLayer(() => cors(options));
    const app = express();
    app.use(middleware);
    app.all(/^\/api\//, ran);
    return listen(app, maxHeaderSize);
  },
};
