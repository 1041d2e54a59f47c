import { createServer, IncomingMessage } from 'node:http';
import { cors } from '@corsica/cors-express';
import express from 'express';
import type { ApiServer } from './api.ts';
import { API_ROUTE, apiAnswer } from './api.ts';
import { serveNode } from './node-server.ts';

/** Express 5, with `app.use(cors(policy))` first. */
export const expressServer: ApiServer = {
  info: { id: 'express', name: 'Express', packageName: '@corsica/cors-express' },
  // Express's `req` is the IncomingMessage itself.
  incomingOf: (context) => (context instanceof IncomingMessage ? context : undefined),
  start({ policy, port, log }) {
    const app = express();
    app.use(cors(policy));
    app.all(API_ROUTE, (req, res) => {
      log.reachedHandler(req);
      const answer = apiAnswer('express', policy, req);
      res.set(answer.headers).send(answer.body);
    });
    const server = createServer(app);
    log.watch(server, 'express');
    return serveNode(server, port);
  },
};
