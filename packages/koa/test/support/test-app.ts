import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import Router from '@koa/router';
import type Koa from 'koa';
import type { Context, Middleware } from 'koa';
import type { KoaClass } from './majors.ts';

function ran(ctx: Context): void {
  ctx.set(HANDLER_MARKER, HANDLER_RAN);
  ctx.body = HANDLER_RAN;
}

/** The admin area marks its responses, so the kit can tell which spellings reach it. */
function admin(ctx: Context): void {
  ctx.set('x-corsica-area', 'admin');
  ran(ctx);
}

/** The testkit's test application (see its harness.ts), in koa idiom, behind `cors`. */
export function testApp(Koa: KoaClass, cors: Middleware): Koa {
  const app = new Koa();
  // Errors are part of the contract; keep koa's default handler from logging each one.
  app.silent = true;
  const router = new Router();
  router.all('/api/{*rest}', ran);
  router.get('/get-only', ran);
  router.all('/vary', (ctx) => {
    ctx.vary('Accept-Encoding');
    ran(ctx);
  });
  router.all('/vary-replaced', (ctx) => {
    ctx.set('Vary', 'Accept-Encoding');
    ran(ctx);
  });
  router.all('/throw', () => {
    throw new Error('handler failure');
  });
  router.all('/throw-with-headers', (ctx) => {
    ctx.throw(404, 'gone', { headers: { Vary: 'Accept-Language' } });
  });
  router.all('/throw-non-error', () => {
    throw 'boom';
  });
  // `/admin` and below, matched as @koa/router matches (case-insensitively, trailing slash optional).
  router.all(['/admin', '/admin/{*rest}'], admin);
  app.use(cors);
  app.use(router.routes());
  return app;
}
