import type { CorsInput } from '@corsica/cors-core';
import { consoleLog, isPendingDecision, toCors } from '@corsica/cors-core';
import { applyDecision, nodeRequestView } from '@corsica/cors-node-http';
import type { Context, Middleware } from 'koa';
import { dropStaleCorsHeaders, wrapNonError } from './error-headers.ts';

/**
 * Koa middleware (koa 2 and 3) that applies a Corsica policy: it writes the CORS headers and
 * appends to `Vary`, answers preflights itself (status and headers from the decision, no body),
 * and keeps the CORS headers on every response, those koa makes from errors thrown downstream
 * included. Per-path `routes` see `ctx.path`, the undecoded path koa and its routers route on.
 * Origin predicates receive `ctx`.
 *
 * @param input Corsica options, or a policy compiled with `createCors`. Compiled once, here: an
 * invalid policy throws a `CorsConfigError` when the app is built, not on a request.
 * @example
 * const app = new Koa();
 * app.use(cors({ origins: ['https://app.example.com'], credentials: true }));
 */
export function cors(input: CorsInput<Context>): Middleware {
  const policy = toCors(input, 'cors()');
  policy.useLog(consoleLog());
  return async (ctx, next) => {
    const pending = policy.decide(nodeRequestView(ctx.req, () => pathOf(ctx), ctx));
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
    // The decision stays on ctx.res until its head is written, even after koa's ctx.onerror has
    // removed every header to set those of an error.
    applyDecision(ctx.res, decision);
    try {
      await next();
    } catch (error) {
      dropStaleCorsHeaders(error);
      throw wrapNonError(error);
    }
  };
}

/**
 * `ctx.path`, read only by policies with `routes` (it parses the URL). A target koa cannot parse
 * (`http://[/x`) has no path: the core then grants no CORS access under per-path policies.
 */
function pathOf(ctx: Context): string | undefined {
  try {
    return ctx.path;
  } catch {
    return undefined;
  }
}
