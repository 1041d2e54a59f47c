import { createServer, IncomingMessage } from 'node:http';
import { cors } from '@corsica/cors-koa';
import Router from '@koa/router';
import Koa from 'koa';
import type { ApiServer } from './api.ts';
import { API_ROUTE, apiAnswer } from './api.ts';
import { serveNode } from './node-server.ts';

/** Koa 3 with @koa/router, behind an app-wide `app.use(cors(policy))`. */
export const koaServer: ApiServer = {
  info: { id: 'koa', name: 'Koa', packageName: '@corsica/cors-koa' },
  // The adapter passes koa's `ctx`.
  incomingOf: (context) => {
    const req = (context as { req?: unknown } | undefined)?.req;
    return req instanceof IncomingMessage ? req : undefined;
  },
  start({ policy, port, log }) {
    const app = new Koa();
    const router = new Router();
    router.all(API_ROUTE, (ctx) => {
      log.reachedHandler(ctx.req);
      const answer = apiAnswer('koa', policy, ctx.req);
      ctx.set(answer.headers);
      ctx.body = answer.body;
    });
    app.use(cors(policy));
    app.use(router.routes());
    const server = createServer(app.callback());
    log.watch(server, 'koa');
    return serveNode(server, port);
  },
};
