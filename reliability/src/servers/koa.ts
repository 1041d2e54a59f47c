import { createServer } from 'node:http';
import { cors } from '@corsica/cors-koa';
import Router from '@koa/router';
import Koa from 'koa';
import { policies } from '../policies.ts';
import type { AdapterServer } from './types.ts';
import { listenOnLoopback, OK_BODY, serverOptions } from './types.ts';

/** Koa 3 with @koa/router, behind an app-wide `cors()` placed first. */
export const koaServer: AdapterServer = {
  id: 'koa',
  name: 'koa 3',
  start({ policy, maxHeaderSize, cors: withCors = true }) {
    const app = new Koa();
    app.silent = true;
    const router = new Router();
    router.all('/api{/*rest}', (ctx) => {
      ctx.body = OK_BODY;
    });
    if (withCors) app.use(cors(policies[policy].options));
    app.use(router.routes());
    return listenOnLoopback(createServer(serverOptions(maxHeaderSize), app.callback()));
  },
};
