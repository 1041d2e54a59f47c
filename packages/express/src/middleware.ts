import type { CorsInput } from '@corsica/cors-core';
import { createCorsMiddleware, nodeRequestView } from '@corsica/cors-node-http';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Express middleware (4 and 5) that applies a Corsica policy: it writes the CORS headers, appends
 * to whatever `Vary` the app already set (and puts both back if a handler or an error replaces
 * them), answers preflights itself (unless `preflight.continue`), and hands every other request
 * to `next()`. The policy is compiled here, once, so an invalid one throws a `CorsConfigError`
 * while the app is being set up rather than on the first request. Origin predicates receive `req`.
 *
 * Per-path `routes` are matched against `req.originalUrl`: the full path the client sent, whatever
 * router or route the middleware is mounted on.
 *
 * @param options Corsica options, or a policy compiled with `createCors`.
 * @example
 * app.use(cors({ origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] }));
 */
export function cors(options: CorsInput<Request>): RequestHandler {
  // Inside a router `req.url` has lost its mount path; a policy written for `/api/*` must not
  // change meaning with where it is mounted. Express may match case-insensitively and ignore a
  // trailing slash, router by router: the core is told nothing, and considers both.
  return createCorsMiddleware<Request, Response>(options, 'cors()', (req) =>
    nodeRequestView(req, req.originalUrl, req),
  );
}
