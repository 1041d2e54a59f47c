import type { CorsDecision, CorsHeader, CorsInput } from '@corsica/cors-core';
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

/** Where onRequest leaves the decision's Vary tokens, and the Vary it wrote, for onSend. */
const VARY_TOKENS: unique symbol = Symbol('@corsica/cors-fastify.vary');
const VARY_WRITTEN: unique symbol = Symbol('@corsica/cors-fastify.vary-written');
type DecidedRequest = FastifyRequest & {
  [VARY_TOKENS]: readonly string[] | null;
  [VARY_WRITTEN]: unknown;
};

const corsica: FastifyPluginAsync<CorsInput> = async (fastify, options) => {
  const policy = toCors(options);
  const routes = new RoutePolicies();
  fastify.decorateRequest(VARY_TOKENS, null);
  fastify.decorateRequest(VARY_WRITTEN, null);
  fastify.addHook('onRoute', (route) => routes.declare(route));
  fastify.addHook('onReady', async () => routes.seal(fastify.initialConfig));
  fastify.addHook('onRequest', (request, reply, next) => {
    const view = new FastifyCorsRequest(request);
    const own = routes.of(request, view);
    if (own === false) return next();
    const decision = (own ?? policy).decide(view);
    if (!isPendingDecision(decision)) return apply(decision, request, reply, next);
    void decision.then((settled) => apply(settled, request, reply, next), next);
  });
  fastify.addHook('onSend', (request, reply, payload, next) => {
    // `reply.header('vary', …)` in a handler replaces what onRequest wrote: merge again if so.
    const decided = request as DecidedRequest;
    const tokens = decided[VARY_TOKENS];
    if (tokens !== null) {
      const current = reply.getHeader(VARY);
      if (current !== decided[VARY_WRITTEN]) {
        const vary = appendVary(current, tokens);
        if (vary !== undefined) reply.header(VARY, vary);
      }
    }
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
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i] as CorsHeader;
    reply.header(header[0], header[1]);
  }
  if (decision.vary.length > 0) {
    const current = reply.getHeader(VARY);
    const vary = appendVary(current, decision.vary);
    if (vary !== undefined) reply.header(VARY, vary);
    const decided = request as DecidedRequest;
    decided[VARY_TOKENS] = decision.vary;
    decided[VARY_WRITTEN] = vary ?? current;
  }
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
