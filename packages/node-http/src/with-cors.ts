import type { CorsDecision, CorsInput } from '@corsica/cors-core';
import { toCors } from '@corsica/cors-core';
import type { NodeRequest } from './node-request.ts';
import { NodeCorsRequest } from './node-request.ts';
import type { NodeResponse } from './node-response.ts';
import { applyDecision } from './node-response.ts';

/** Applies CORS to one request; resolves `true` when the CORS layer ended the response itself. */
export type CorsHandler<TRequest extends NodeRequest = NodeRequest> = (
  request: TRequest,
  response: NodeResponse,
) => boolean | Promise<boolean>;

/**
 * The lower-level form, for custom servers: compiles the policy once and returns a function that
 * writes the CORS headers and tells whether the response was already ended (a preflight, or a
 * rejection). It returns a Promise only for policies with an asynchronous origin predicate.
 *
 * @example
 * const cors = createCorsHandler({ origins: ['https://app.example.com'] });
 * server.on('request', (req, res) => {
 *   if (cors(req, res) === true) return;
 *   route(req, res);
 * });
 */
export function createCorsHandler<TRequest extends NodeRequest = NodeRequest>(
  input: CorsInput,
  pathOf?: (request: TRequest) => string | undefined,
): CorsHandler<TRequest> {
  const cors = toCors(input);
  return (request, response) => {
    const view = new NodeCorsRequest(request, pathOf === undefined ? request.url : pathOf(request));
    const decision = cors.decide(view);
    if (decision instanceof Promise) {
      return decision.then((settled: CorsDecision) => applyDecision(response, settled));
    }
    return applyDecision(response, decision);
  };
}

/**
 * Connect-style middleware (`(req, res, next)`), the shape express and its kin use: CORS headers
 * first, preflights and rejections ended here, everything else handed to `next()`.
 *
 * @param pathOf The raw path the framework routes on, for per-path policies; `req.url` by default.
 */
export function createCorsMiddleware<TRequest extends NodeRequest, TResponse extends NodeResponse>(
  input: CorsInput,
  pathOf?: (request: TRequest) => string | undefined,
): (request: TRequest, response: TResponse, next: () => void) => void {
  const handle = createCorsHandler(input, pathOf);
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
 *
 * @param input Corsica options, or a policy compiled with `createCors`.
 * @param listener The application's request listener.
 * @example
 * http.createServer(withCors({ origins: ['https://app.example.com'] }, (req, res) => res.end('ok')));
 */
export function withCors<TRequest extends NodeRequest, TResponse extends NodeResponse>(
  input: CorsInput,
  listener: (request: TRequest, response: TResponse) => void,
): (request: TRequest, response: TResponse) => void {
  const middleware = createCorsMiddleware<TRequest, TResponse>(input);
  return (request, response) => middleware(request, response, () => listener(request, response));
}
