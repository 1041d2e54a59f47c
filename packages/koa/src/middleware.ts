import type { CorsInput } from '@corsica/cors-core';
import { appendVary, isPendingDecision, toCors, VARY } from '@corsica/cors-core';
import { applyDecision, writeCorsHeaders } from '@corsica/cors-node-http';
import type { Middleware } from 'koa';
import { keepCorsHeadersOnError } from './error-headers.ts';
import { KoaCorsRequest } from './koa-request.ts';

/**
 * Koa middleware (koa 2 and 3) that applies a Corsica policy: it writes the CORS headers and
 * appends to `Vary`, answers preflights itself (status and headers from the decision, no body),
 * and keeps the CORS headers on responses to errors thrown downstream. Per-path `routes` see
 * `ctx.path`, the undecoded path koa and its routers route on.
 *
 * @param input Corsica options, or a policy compiled with `createCors`. Compiled once, here: an
 * invalid policy throws a `CorsConfigError` when the app is built, not on a request.
 * @example
 * const app = new Koa();
 * app.use(cors({ origins: ['https://app.example.com'], credentials: true }));
 */
export function cors(input: CorsInput): Middleware {
  const policy = toCors(input);
  return async (ctx, next) => {
    const pending = policy.decide(new KoaCorsRequest(ctx));
    const decision = isPendingDecision(pending) ? await pending : pending;
    if (decision.status !== undefined) {
      // Answered here, exactly as decided: koa's own response handling would strip the
      // `Content-Length: 0` that some clients need after a 204. The status stays visible to
      // upstream middleware such as loggers.
      ctx.status = decision.status;
      ctx.respond = false;
      applyDecision(ctx.res, decision);
      return;
    }
    const held = writeCorsHeaders(ctx.res, decision);
    try {
      await next();
    } catch (error) {
      keepCorsHeadersOnError(error, decision);
      throw error;
    }
    // Downstream code may have replaced Vary with `ctx.set`: then append what is missing again.
    if (ctx.headerSent || decision.vary.length === 0 || ctx.res.getHeader(VARY) === held) return;
    const vary = appendVary(ctx.res.getHeader(VARY), decision.vary);
    if (vary !== undefined) ctx.set(VARY, vary);
  };
}
