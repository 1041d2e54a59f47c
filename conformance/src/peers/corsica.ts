import type { CorsOptions } from '@corsica/cors-express';
import { CorsConfigError, cors } from '@corsica/cors-express';
import { HANDLER_MARKER, HANDLER_RAN, toCorsOptions } from '@corsica/cors-testkit';
import type { RequestHandler } from 'express';
import express from 'express';
import type { Peer } from '../peer.ts';
import { ConfigRejected } from '../peer.ts';
import { listen } from '../serve.ts';

const ran: RequestHandler = (_req, res) => {
  res.set(HANDLER_MARKER, HANDLER_RAN).send(HANDLER_RAN);
};

/** The reference row: Corsica's express adapter, configured by the testkit's own mapper. */
export const corsicaPeer: Peer<CorsOptions> = {
  id: 'corsica',
  library: 'Corsica (`@corsica/cors-express`) on express',
  packageName: '@corsica/cors-express',
  frameworkPackage: 'express',
  configuration: [
    "The testkit's `toCorsOptions(policy)`, unchanged; a `CorsConfigError` from `cors(options)` is the vectors' `configRejected`.",
  ],
  map(policy) {
    return { options: toCorsOptions(policy) };
  },
  async start(options, maxHeaderSize) {
    let middleware: RequestHandler;
    try {
      middleware = cors(options);
    } catch (error) {
      if (error instanceof CorsConfigError)
        throw new ConfigRejected(error.message, { cause: error });
      throw error;
    }
    const app = express();
    app.use(middleware);
    app.all(/^\/api\//, ran);
    return listen(app, maxHeaderSize);
  },
};
