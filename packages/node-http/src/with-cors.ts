import type { CorsDecision, CorsInput, CorsRequest } from '@corsica/cors-core';
import { toCors } from '@corsica/cors-core';
import type { NodeRequest } from './node-request.ts';
import { nodeRequestView } from './node-request.ts';
import type { NodeResponse } from './node-response.ts';
import { applyDecision } from './node-response.ts';

/** Applies CORS to one request; resolves `true` when the CORS layer ended the response itself. */
export type CorsHandler<TRequest extends NodeRequest = NodeRequest> = (
  request: TRequest,
  response: NodeResponse,
) => boolean | Promise<boolean>;

/** How a Node framework hands its requests to the CORS layer. */
export interface NodeFramework<TRequest extends NodeRequest> {
  /** What `withCors()` or `cors()` was called as, for configuration errors. */
  readonly caller: string;
  /** The request view the core reads; `nodeRequestView(request)` by default. */
  readonly view?: (request: TRequest) => CorsRequest<TRequest>;
}

/**
 * The lower-level form, for custom servers: compiles the policy once and returns a function that
 * writes the CORS headers and tells whether the response was already ended (a preflight, or a
 * rejection). It returns a Promise only for policies with an asynchronous origin predicate.
 * Origin predicates receive the Node request.
 *
 * @example
 * const cors = createCorsHandler({ origins: ['https://app.example.com'] });
 * server.on('request', (req, res) => {
 *   if (cors(req, res) === true) return;
 *   route(req, res);
 * });
 */
export function createCorsHandler<TRequest extends NodeRequest = NodeRequest>(
  input: CorsInput<TRequest>,
  framework: NodeFramework<TRequest> = { caller: 'createCorsHandler()' },
): CorsHandler<TRequest> {
  const cors = toCors(input, framework.caller);
  const view = framework.view ?? ((request: TRequest) => nodeRequestView(request));
  return (request, response) => {
    const decision = cors.decide(view(request));
    if (decision instanceof Promise) {
      return decision.then((settled: CorsDecision) => applyDecision(response, settled));
    }
    return applyDecision(response, decision);
  };
}

/**
 * Connect-style middleware (`(req, res, next)`), the shape express and its kin use: CORS headers
 * first, preflights and rejections ended here, everything else handed to `next()`.
 */
export function createCorsMiddleware<TRequest extends NodeRequest, TResponse extends NodeResponse>(
  input: CorsInput<TRequest>,
  framework: NodeFramework<TRequest>,
): (request: TRequest, response: TResponse, next: () => void) => void {
  const handle = createCorsHandler(input, framework);
  return (request, response, next) => {
    const ended = handle(request, response);
    if (ended === false) next();
    // Decisions never reject (a failing predicate is a denial), so nothing goes to next(err).
    else if (ended !== true) void ended.then((done) => done || next());
  };
}

/**
 * Wraps a `node:http` (or `node:https`, or `node:http2` compatibility) request listener: CORS
 * headers are written first, preflights are answered, and everything else reaches `listener`.
 * Origin predicates receive the Node request.
 *
 * @param input Corsica options, or a policy compiled with `createCors`.
 * @param listener The application's request listener.
 * @example
 * http.createServer(withCors({ origins: ['https://app.example.com'] }, (req, res) => res.end('ok')));
 */
export function withCors<TRequest extends NodeRequest, TResponse extends NodeResponse>(
  input: CorsInput<TRequest>,
  listener: (request: TRequest, response: TResponse) => void,
): (request: TRequest, response: TResponse) => void {
  const middleware = createCorsMiddleware<TRequest, TResponse>(input, { caller: 'withCors()' });
  return (request, response) => middleware(request, response, () => listener(request, response));
}
