import type { CorsInput } from '@corsica/cors-core';
import { isPendingDecision, toCors } from '@corsica/cors-core';
import { applyDecision, NodeCorsRequest } from '@corsica/cors-node-http';
import type { RequestHandler } from 'express';

/**
 * Express middleware (4 and 5) that applies a Corsica policy: it writes the CORS headers, appends
 * to whatever `Vary` the app already set, answers preflights itself (unless `preflight.continue`),
 * and hands every other request to `next()`. The policy is compiled here, once, so an invalid one
 * throws a `CorsConfigError` while the app is being set up rather than on the first request.
 *
 * Per-path `routes` are matched against `req.originalUrl`: the full path the client sent, whatever
 * router or route the middleware is mounted on.
 *
 * @param options Corsica options, or a policy compiled with `createCors`.
 * @example
 * app.use(cors({ origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] }));
 */
export function cors(options: CorsInput): RequestHandler {
  const policy = toCors(options);
  return (req, res, next) => {
    // Inside a router `req.url` has lost its mount path; a policy written for `/api/*` must not
    // change meaning with where it is mounted.
    const decision = policy.decide(new NodeCorsRequest(req, req.originalUrl));
    if (!isPendingDecision(decision)) {
      if (!applyDecision(res, decision)) next();
      return;
    }
    // Decisions never reject (a failing predicate is a denial), so nothing goes to `next(err)`.
    void decision.then((settled) => {
      if (!applyDecision(res, settled)) next();
    });
  };
}
