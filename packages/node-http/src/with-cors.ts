import type { CorsDecision, CorsInput } from '@corsica/cors-core';
import { toCors } from '@corsica/cors-core';
import type { NodeRequest } from './node-request.ts';
import { NodeCorsRequest } from './node-request.ts';
import type { NodeResponse } from './node-response.ts';
import { applyDecision } from './node-response.ts';

/** Applies CORS to one request; resolves `true` when the CORS layer ended the response itself. */
export type CorsHandler = (
  request: NodeRequest,
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
export function createCorsHandler(input: CorsInput): CorsHandler {
  const cors = toCors(input);
  return (request, response) => {
    const decision = cors.decide(new NodeCorsRequest(request));
    if (decision instanceof Promise)
      return decision.then((settled: CorsDecision) => applyDecision(response, settled));
    return applyDecision(response, decision);
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
  const handle = createCorsHandler(input);
  return (request, response) => {
    const ended = handle(request, response);
    if (ended === true) return;
    if (ended === false) {
      listener(request, response);
      return;
    }
    void ended.then((done) => {
      if (!done) listener(request, response);
    });
  };
}
