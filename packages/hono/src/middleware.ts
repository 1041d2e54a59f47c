import type { CorsInput, NodeHeadResponse, PathMatching } from '@corsica/cors-core';
import {
  consoleLog,
  isPendingDecision,
  restoreDecision,
  toCors,
  writeOnHead,
} from '@corsica/cors-core';
import { corsAnswer, fetchRequestView, withCorsHeaders } from '@corsica/cors-fetch';
import type { Context, MiddlewareHandler } from 'hono';

/** The Node response @hono/node-server passes in `c.env` (its `HttpBindings`), else undefined. */
function nodeResponseOf(env: unknown): NodeHeadResponse | undefined {
  const outgoing = (env as { outgoing?: Partial<NodeHeadResponse> } | undefined)?.outgoing;
  return typeof outgoing?.writeHead === 'function' ? (outgoing as NodeHeadResponse) : undefined;
}

/**
 * CORS for Hono: `app.use('*', cors(options))`. Preflights are answered before routing; every other
 * response, the 404 and error pages included, gets the CORS headers. Origin predicates receive `c`.
 *
 * @param input Corsica options, or a policy compiled with `createCors`.
 * @example
 * app.use('*', cors({ origins: ['https://app.example.com'], credentials: true }));
 */
export function cors(input: CorsInput<Context>): MiddlewareHandler {
  const policy = toCors(input, 'cors()');
  policy.useLog(consoleLog());
  // Hono's routers compare paths case-sensitively; its `strict` option (trailing slash) is the app's.
  const pathMatching: PathMatching = { caseSensitive: true, trailingSlash: 'unknown' };
  return async (c, next) => {
    // Per-path policies see the path Hono routes on: c.req.path, percent-decoded.
    const pending = policy.decide(fetchRequestView(c.req.raw, c, c.env, c.req.path, pathMatching));
    const decision = isPendingDecision(pending) ? await pending : pending;
    const answer = corsAnswer(decision);
    if (answer !== undefined) return answer;
    if (decision.headers.length === 0 && decision.vary.length === 0) return next();
    // On @hono/node-server the decision goes into the Node response's head, and the Response stays
    // as built: reading a lightweight Response's headers costs it the server's direct write path.
    const node = nodeResponseOf(c.env);
    if (node !== undefined) writeOnHead(node, decision);
    try {
      await next();
    } catch (error) {
      // What escapes next() (an error handler that throws, a thrown non-Error) meets the app's
      // error handler again at this level: its response takes over the headers of `c.res`. Hono
      // hands it only Errors; anything else (`throw 'boom'`) would escape as a bare 500.
      restoreDecision(c.res.headers, decision);
      if (error instanceof Error) throw error;
      throw new Error(`non-error thrown: ${String(error)}`, { cause: error });
    }
    if (node !== undefined) return;
    // What the handler, Hono's 404 or the app's error handler answered, patched in place if it can be.
    const response = withCorsHeaders(c.res, decision);
    if (response !== c.res) {
      c.res = undefined; // else the setter copies the old response's headers over the patched ones
      c.res = response;
    }
  };
}
