import { createServer } from 'node:http';
import { cors } from '@corsica/cors-express';
import type { RequestHandler } from 'express';
import express from 'express';
import type { AdapterServer } from './test-app.ts';
import {
  HANDLER_BODY,
  handlerFailure,
  RESPONSE_HEADERS,
  SET_COOKIE,
  serveOnLoopback,
} from './test-app.ts';

/** The test application as an Express 5 app, with `cors()` first, as its README says. */
export const expressServer: AdapterServer = {
  name: 'express',
  start(policy, log) {
    const app = express();
    // finalhandler prints the stack of every error outside the `test` env; /throw throws on purpose.
    app.set('env', 'test');
    app.use(cors(policy));

    const record: RequestHandler = (req, _res, next) => {
      log.handled(req.method, req.originalUrl, req.headers.cookie);
      next();
    };
    app.all('/api/*rest', record, (_req, res) => {
      res.send(HANDLER_BODY);
    });
    app.all('/headers/*rest', record, (_req, res) => {
      res.set(RESPONSE_HEADERS).send(HANDLER_BODY);
    });
    app.all('/cookie/*rest', record, (_req, res) => {
      res.append('Set-Cookie', SET_COOKIE).send(HANDLER_BODY);
    });
    app.all('/throw/*rest', record, () => {
      throw handlerFailure();
    });
    return serveOnLoopback(createServer(app), log);
  },
};
