import { createServer } from 'node:http';
import { cors } from '@corsica/cors-express';
import express from 'express';
import { policies } from '../policies.ts';
import type { AdapterServer } from './types.ts';
import { listenOnLoopback, OK_BODY, serverOptions } from './types.ts';

/** Express 5, `app.use(cors())` before the routes, as the README says. */
export const expressServer: AdapterServer = {
  id: 'express',
  name: 'express 5',
  start({ policy, maxHeaderSize, cors: withCors = true }) {
    const app = express();
    // finalhandler prints every error's stack outside the `test` env.
    app.set('env', 'test');
    if (withCors) app.use(cors(policies[policy].options));
    app.all('/api{/*rest}', (_req, res) => {
      res.send(OK_BODY);
    });
    return listenOnLoopback(createServer(serverOptions(maxHeaderSize), app));
  },
};
