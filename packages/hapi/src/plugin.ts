import type { CorsDecision, CorsInput, CorsLogSink, PathMatching } from '@corsica/cors-core';
import {
  endedResponseHeaders,
  headerObject,
  isPendingDecision,
  requestView,
  restoreDecision,
  toCors,
} from '@corsica/cors-core';
import type { Plugin, Request, ResponseToolkit, Server } from '@hapi/hapi';

/** The decision of each request handed on to the app, for onPreResponse to put back. */
const decisions = new WeakMap<Request, CorsDecision>();

/** How hapi's router compares paths, from the server's `router` settings. */
function pathMatchingOf(server: Server): PathMatching {
  const router = server.settings.router ?? {};
  return {
    caseSensitive: router.isCaseSensitive !== false,
    trailingSlash: router.stripTrailingSlash === true ? 'ignored' : 'significant',
  };
}

/**
 * The development log, hapi's way: `request.log(['cors', 'warning'], line)`, seen by the app's
 * logger (hapi-pino, `server.events.on('request')`) or printed with `debug: { request: ['cors'] }`.
 */
function requestLog(): CorsLogSink<unknown> {
  return {
    write: (line, request) => (request as Request | undefined)?.log(['cors', 'warning'], line),
    production: process.env['NODE_ENV'] === 'production',
  };
}

/**
 * Answers the request with the decision alone (status, CORS headers, Vary, `Content-Length: 0`),
 * written to Node's response: hapi's own pipeline would remove `Content-Length` from a 204 and
 * add `Vary: accept-encoding`, so the answer would differ from every other adapter's.
 */
function answer(request: Request, h: ResponseToolkit, status: number, decision: CorsDecision) {
  request.raw.res.writeHead(status, endedResponseHeaders(decision)).end();
  return h.abandon;
}

function register(server: Server, input: CorsInput<Request>): void {
  const policy = toCors(input, 'server.register(cors)');
  policy.useLog(requestLog());
  const pathMatching = pathMatchingOf(server);

  const apply = (h: ResponseToolkit, request: Request, decision: CorsDecision) => {
    if (decision.status !== undefined) return answer(request, h, decision.status, decision);
    if (decision.headers.length > 0 || decision.vary.length > 0) decisions.set(request, decision);
    return h.continue;
  };

  // Before routing and authentication: preflights are answered here, to any path.
  server.ext('onRequest', (request, h) => {
    const decision = policy.decide(
      requestView(request.raw.req.headers, {
        // As received: hapi lowercases `request.method`, and methods are case-sensitive.
        method: request.raw.req.method,
        // The target as sent: `request.path` has dot segments resolved and %-escapes decoded.
        path: () => request.raw.req.url,
        pathMatching,
        context: request,
      }),
    );
    if (!isPendingDecision(decision)) return apply(h, request, decision);
    return decision.then((settled) => apply(h, request, settled));
  });

  // Every response the app or hapi makes, Boom errors and 404s included.
  server.ext('onPreResponse', (request, h) => {
    const decision = decisions.get(request);
    const response = request.response;
    if (decision === undefined || response === null) return h.continue;
    restoreDecision(
      headerObject('output' in response ? response.output.headers : response.headers),
      decision,
    );
    return h.continue;
  });
}

/**
 * The Corsica CORS plugin for hapi 21. Preflights are answered in `onRequest`, before routing and
 * authentication; every other response, Boom errors and 404s included, gets its CORS headers in
 * `onPreResponse`. Per-path `routes` see the raw request target. Origin predicates receive the
 * hapi `request`. An invalid policy makes `server.register` reject with a `CorsConfigError`.
 *
 * @example
 * await server.register({ plugin: cors, options: { origins: ['https://app.example.com'] } });
 */
export const cors: Plugin<CorsInput<Request>> = {
  name: '@corsica/cors-hapi',
  requirements: { hapi: '>=21' },
  register,
};
