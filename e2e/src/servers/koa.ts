import { createServer } from 'node:http';
import { cors } from '@corsica/cors-koa';
import Router from '@koa/router';
import type { Context } from 'koa';
import Koa from 'koa';
import type { AdapterServer } from './test-app.ts';
import {
  HANDLER_BODY,
  handlerFailure,
  RESPONSE_HEADERS,
  SET_COOKIE,
  serveOnLoopback,
} from './test-app.ts';

/** The test application as a Koa 3 app with @koa/router, behind an app-wide `cors()`. */
export const koaServer: AdapterServer = {
  name: 'koa',
  start(policy, log) {
    const app = new Koa();
    // Koa logs every error it answers with a 500 unless silent; /throw throws on purpose.
    app.silent = true;
    const router = new Router();
    const record = (ctx: Context): void => {
      log.handled(ctx.method, ctx.url, ctx.get('cookie') || undefined);
      ctx.body = HANDLER_BODY;
    };
    router.all('/api/{*rest}', record);
    router.all('/headers/{*rest}', (ctx) => {
      ctx.set(RESPONSE_HEADERS);
      record(ctx);
    });
    router.all('/cookie/{*rest}', (ctx) => {
      ctx.append('Set-Cookie', SET_COOKIE);
      record(ctx);
    });
    router.all('/throw/{*rest}', (ctx) => {
      log.handled(ctx.method, ctx.url, ctx.get('cookie') || undefined);
      throw handlerFailure();
    });
    app.use(cors(policy));
    app.use(router.routes());
    return serveOnLoopback(createServer(app.callback()), log);
  },
};
