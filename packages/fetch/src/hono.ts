import type { CorsHeader, CorsInput, PathMatching } from '@corsica/cors-core';
import { appendVary, isPendingDecision, toCors, VARY } from '@corsica/cors-core';
import type { Context, MiddlewareHandler } from 'hono';
import { fetchRequestView } from './fetch-request.ts';
import { carriesDecision, corsAnswer, withCorsHeaders } from './fetch-response.ts';
import { consoleLog } from './log.ts';

/** Hono's routers compare paths case-sensitively; its `strict` option (trailing slash) is the app's. */
const HONO_PATH_MATCHING: PathMatching = { caseSensitive: true, trailingSlash: 'unknown' };

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
  return async (c, next) => {
    // Per-path policies see the path Hono routes on: c.req.path, percent-decoded.
    const pending = policy.decide(
      fetchRequestView(c.req.raw, c, c.env, c.req.path, HONO_PATH_MATCHING),
    );
    const decision = isPendingDecision(pending) ? await pending : pending;
    const answer = corsAnswer(decision);
    if (answer !== undefined) return answer;
    const vary = appendVary(undefined, decision.vary);
    if (decision.headers.length === 0 && vary === undefined) return next();
    // Every response the context builds (c.text, c.json, the 404, the default error page) copies these.
    const headers = decision.headers;
    for (let i = 0; i < headers.length; i++) {
      const header = headers[i] as CorsHeader;
      c.header(header[0], header[1]);
    }
    if (vary !== undefined) c.header(VARY, vary, { append: true });
    try {
      await next();
    } catch (error) {
      // Hono hands only Errors to the app's error handler, whose response carries the headers set
      // above; anything else thrown (`throw 'boom'`) would escape as a bare 500 from the server.
      if (error instanceof Error) throw error;
      throw new Error(`non-error thrown: ${String(error)}`, { cause: error });
    }
    // The context is now finalized: `c.res` returns the stored response, and reading its headers
    // leaves it as is (@hono/node-server's lightweight Response keeps its direct write path; only
    // `c.header()` or assigning `c.res` re-create it). A Response the handler built lacks the headers
    // above, and an app's own Vary may have replaced ours: a few Headers.get tell, then we patch.
    const response = c.res;
    if (carriesDecision(response.headers, decision, vary)) return;
    const patched = withCorsHeaders(response, decision);
    if (patched === response) return;
    c.res = undefined; // else the setter copies the old response's headers over the patched ones
    c.res = patched;
  };
}

export type {
  AsyncCorsOptions,
  CorsDecision,
  CorsInput,
  CorsOptions,
  CorsRequest,
} from '@corsica/cors-core';
export { CorsConfigError, createCors } from '@corsica/cors-core';
export { cors as default };
