import type { CorsDecision, CorsInput } from '@corsica/cors-core';
import { appendVary, isPendingDecision, toCors, VARY } from '@corsica/cors-core';
import type {
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import fp from 'fastify-plugin';
import { FastifyCorsRequest } from './fastify-request.ts';
import { RoutePolicies } from './route-policies.ts';

/** Where onRequest leaves the decision's Vary tokens for onSend. */
const VARY_TOKENS: unique symbol = Symbol('@corsica/cors-fastify.vary');
type DecidedRequest = FastifyRequest & { [VARY_TOKENS]: readonly string[] | null };

const corsica: FastifyPluginAsync<CorsInput> = async (fastify, options) => {
  const policy = toCors(options);
  const routes = new RoutePolicies();
  fastify.decorateRequest(VARY_TOKENS, null);
  fastify.addHook('onRoute', (route) => routes.declare(route));
  fastify.addHook('onReady', async () => routes.seal(fastify.initialConfig));
  fastify.addHook('onRequest', (request, reply, next) => {
    const own = routes.of(request);
    if (own === false) return next();
    const decision = (own ?? policy).decide(new FastifyCorsRequest(request));
    if (!isPendingDecision(decision)) return apply(decision, request, reply, next);
    void decision.then((settled) => apply(settled, request, reply, next), next);
  });
  fastify.addHook('onSend', (request, reply, payload, next) => {
    // Merged at send time: `reply.header('vary', …)` in a handler replaces what was there.
    const tokens = (request as DecidedRequest)[VARY_TOKENS];
    const vary = tokens === null ? undefined : appendVary(reply.getHeader(VARY), tokens);
    if (vary !== undefined) reply.header(VARY, vary);
    next(null, payload);
  });
};

/** Writes the decision; one with a status (a preflight answered here, a rejection) ends the request. */
function apply(
  decision: CorsDecision,
  request: FastifyRequest,
  reply: FastifyReply,
  next: HookHandlerDoneFunction,
): void {
  (request as DecidedRequest)[VARY_TOKENS] = decision.vary;
  for (const [name, value] of decision.headers) reply.header(name, value);
  if (decision.status === undefined) next();
  else void reply.code(decision.status).send();
}

/**
 * The Corsica CORS plugin for fastify 5, wrapped with fastify-plugin so it applies app-wide.
 * Preflights are answered in `onRequest`, before any authentication hook; other requests get
 * their CORS headers there too, and `Vary` is merged when the response is sent, so 404s and error
 * responses carry them. A route may set its own policy, or `false`, in `config.cors`.
 *
 * @param options Corsica options, or a policy compiled with `createCors`. Compiled at
 * registration: an invalid policy makes `app.register`/`app.ready()` reject with a
 * `CorsConfigError`.
 * @example
 * const app = Fastify();
 * await app.register(cors, { origins: ['https://app.example.com'], credentials: true });
 * app.get('/public', { config: { cors: { origins: '*' } } }, async () => ({ ok: true }));
 */
export const cors: FastifyPluginAsync<CorsInput> = fp(corsica, {
  fastify: '5.x',
  name: '@corsica/cors-fastify',
});
