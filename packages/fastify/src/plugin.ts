import type { CorsDecision, CorsInput, HeaderSink } from '@corsica/cors-core';
import { isPendingDecision, restoreDecision, toCors, writeDecision } from '@corsica/cors-core';
import type {
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import fp from 'fastify-plugin';
import { fastifyRequestView, routingOf } from './fastify-request.ts';
import { RoutePolicies } from './route-policies.ts';

/** Where onRequest leaves the decision of a request handed on, for onSend to put back. */
const DECISION: unique symbol = Symbol('@corsica/cors-fastify.decision');
type DecidedRequest = FastifyRequest & { [DECISION]: CorsDecision | null };

const corsica: FastifyPluginAsync<CorsInput<FastifyRequest>> = async (fastify, options) => {
  const policy = toCors(options, 'app.register(cors, options)');
  const routing = routingOf(fastify.initialConfig);
  const routes = new RoutePolicies();
  fastify.decorateRequest(DECISION, null);
  fastify.addHook('onRoute', (route) => routes.declare(route));
  fastify.addHook('onReady', async () => routes.seal(fastify.initialConfig));
  fastify.addHook('onRequest', (request, reply, next) => {
    const view = fastifyRequestView(request, routing);
    const own = routes.of(request, view);
    if (own === false) return next();
    const decision = (own ?? policy).decide(view);
    if (!isPendingDecision(decision)) return apply(decision, request, reply, next);
    void decision.then((settled) => apply(settled, request, reply, next), next);
  });
  fastify.addHook('onSend', (request, reply, payload, next) => {
    // A handler's `reply.header('vary', …)`, or an error's own headers, may have replaced ours.
    const decision = (request as DecidedRequest)[DECISION];
    if (decision !== null) restoreDecision(replyHeaders(reply), decision);
    next(null, payload);
  });
};

/** A reply's headers, as the core's writer sees them. */
function replyHeaders(reply: FastifyReply): HeaderSink {
  return {
    get: (name) => reply.getHeader(name) as ReturnType<HeaderSink['get']>,
    set: (name, value) => {
      reply.header(name, value);
    },
  };
}

/** Writes the decision; one with a status (a preflight answered here, a rejection) ends the request. */
function apply(
  decision: CorsDecision,
  request: FastifyRequest,
  reply: FastifyReply,
  next: HookHandlerDoneFunction,
): void {
  writeDecision(replyHeaders(reply), decision);
  if (decision.status === undefined) {
    (request as DecidedRequest)[DECISION] = decision;
    next();
  } else {
    void reply.code(decision.status).send();
  }
}

/**
 * The Corsica CORS plugin for fastify 5, wrapped with fastify-plugin so it applies app-wide.
 * Preflights are answered in `onRequest`, before any authentication hook; other requests get
 * their CORS headers there too, and they are put back when the response is sent, so 404s and
 * error responses carry them. A route may set its own policy, or `false`, in `config.cors`.
 * Origin predicates receive the fastify `request`.
 *
 * @param options Corsica options, or a policy compiled with `createCors`. Compiled at
 * registration: an invalid policy makes `app.register`/`app.ready()` reject with a
 * `CorsConfigError`.
 * @example
 * const app = Fastify();
 * await app.register(cors, { origins: ['https://app.example.com'], credentials: true });
 * app.get('/public', { config: { cors: { origins: '*' } } }, async () => ({ ok: true }));
 */
export const cors: FastifyPluginAsync<CorsInput<FastifyRequest>> = fp(corsica, {
  fastify: '5.x',
  name: '@corsica/cors-fastify',
});
