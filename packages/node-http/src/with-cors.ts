import type { CorsInput, CorsRequest } from '@corsica/cors-core';
import { consoleLog, toCors } from '@corsica/cors-core';
import type { NodeRequest, NodeResponse } from './node.ts';
import { applyDecision, nodeRequestView } from './node.ts';

/** Applies CORS to one request; `true` (or a Promise of it) when it ended the response itself. */
export type CorsHandler<TRequest extends NodeRequest = NodeRequest> = (
  request: TRequest,
  response: NodeResponse,
) => boolean | Promise<boolean>;

/**
 * For custom servers: compiles the policy once; the function writes the CORS headers and says
 * whether it ended the response (a Promise only for an asynchronous origin predicate). Frameworks
 * pass what the user called (for error messages) and their request `view`.
 * @example
 * const cors = createCorsHandler({ origins: ['https://app.example.com'] });
 * server.on('request', (req, res) => cors(req, res) === true || route(req, res));
 */
export function createCorsHandler<TRequest extends NodeRequest = NodeRequest>(
  input: CorsInput<TRequest>,
  caller = 'createCorsHandler()',
  view: (request: TRequest) => CorsRequest<TRequest> = (request) => nodeRequestView(request),
): CorsHandler<TRequest> {
  const cors = toCors(input, caller);
  cors.useLog(consoleLog());
  return (request, response) => {
    const decision = cors.decide(view(request));
    if (!(decision instanceof Promise)) return applyDecision(response, decision);
    return decision.then((settled) => applyDecision(response, settled));
  };
}

/** Connect-style middleware (express and its kin): `next()` unless the CORS layer answered. */
export function createCorsMiddleware<TRequest extends NodeRequest, TResponse extends NodeResponse>(
  input: CorsInput<TRequest>,
  caller: string,
  view?: (request: TRequest) => CorsRequest<TRequest>,
): (request: TRequest, response: TResponse, next: () => void) => void {
  const handle = createCorsHandler(input, caller, view);
  return (request, response, next) => {
    const ended = handle(request, response);
    if (ended === false) next();
    // Decisions never reject (a failing predicate is a denial): nothing goes to next(err).
    else if (ended !== true) void ended.then((done) => done || next());
  };
}

/**
 * Wraps a `node:http` (`https`, `http2` compatibility) listener: CORS headers first, preflights
 * answered, the rest to `listener`. Origin predicates receive the Node request.
 * @example
 * http.createServer(withCors({ origins: ['https://app.example.com'] }, (req, res) => res.end('ok')));
 */
export function withCors<TRequest extends NodeRequest, TResponse extends NodeResponse>(
  input: CorsInput<TRequest>,
  listener: (request: TRequest, response: TResponse) => void,
): (request: TRequest, response: TResponse) => void {
  const middleware = createCorsMiddleware<TRequest, TResponse>(input, 'withCors()');
  return (request, response) => middleware(request, response, () => listener(request, response));
}
