import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsDecision, CorsInput, HeaderSink } from '@corsica/cors-core';
import {
  isPendingDecision,
  requestView,
  restoreDecision,
  toCors,
  writeDecision,
} from '@corsica/cors-core';
import onHeaders from 'on-headers';

// Duty 7: users import everything from the adapter, never from the core.
export type {
  AsyncCorsOptions,
  CorsDecision,
  CorsInput,
  CorsOptions,
  CorsRequest,
} from '@corsica/cors-core';
export { CorsConfigError, createCors } from '@corsica/cors-core';

/** A `node:http` request listener: what this template wraps. */
export type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** The response's headers, as the core's writers read and set them. */
function headersOf(response: ServerResponse): HeaderSink {
  return {
    get: (name) => response.getHeader(name),
    set: (name, value) => void response.setHeader(name, value),
  };
}

/**
 * Wraps a `node:http` listener with a Corsica policy: preflights are answered here, every other
 * request gets its CORS headers and goes on to `listener`. Per-path `routes` see `request.url`,
 * the raw target. Origin predicates receive the Node request.
 *
 * @param input Corsica options, or a policy compiled with `createCors`. Compiled once, here: an
 * invalid policy throws a `CorsConfigError` when the server is built, not on a request.
 * @example
 * createServer(withCors({ origins: ['https://app.example.com'] }, (req, res) => res.end('ok')));
 */
export function withCors(input: CorsInput<IncomingMessage>, listener: Listener): Listener {
  const policy = toCors(input, 'withCors()');
  // Duty 6: the development log, through the framework's logger (plain node:http has none).
  policy.useLog({
    write: (line) => console.warn(line),
    production: process.env['NODE_ENV'] === 'production',
  });

  const apply = (request: IncomingMessage, response: ServerResponse, decision: CorsDecision) => {
    const headers = headersOf(response);
    // The CORS headers, Vary appended, and Content-Length: 0 when the decision ends the response.
    writeDecision(headers, decision);
    // Duty 4: a decision with a status (a preflight, a rejection) is answered here, with no body.
    if (decision.status !== undefined) {
      response.statusCode = decision.status;
      response.end();
      return;
    }
    // Duties 2 and 3: right before the head is written, put back what the app or its error
    // handling replaced (a handler's own Vary, an error response's headers).
    onHeaders(response, () => restoreDecision(headers, decision));
    listener(request, response);
  };

  return (request, response) => {
    // Duty 1: the raw target, as the router sees it (a router that documents how it compares
    // paths also passes `pathMatching`). Duty 5: predicates receive the framework's request.
    const view = requestView(request.headers, {
      method: request.method,
      path: request.url,
      context: request,
    });
    const decision = policy.decide(view);
    if (!isPendingDecision(decision)) return apply(request, response, decision);
    // Decisions never reject: a predicate that throws or rejects is a denial.
    void decision.then((settled) => apply(request, response, settled));
  };
}

// Duty 7: a default export besides the named one (`import withCors from '…'`).
export default withCors;
