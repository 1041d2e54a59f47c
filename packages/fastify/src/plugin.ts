import type { CorsDecision, CorsInput, HeaderSink, PathMatching } from '@corsica/cors-core';
import {
  developmentLog,
  isPendingDecision,
  requestView,
  toCors,
  writeDecision,
  writeOnHead,
} from '@corsica/cors-core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { refuseEarlierRoutes } from './registration-order.ts';
import { RoutePolicies } from './route-config.ts';
import { routerOptionsOf } from './router-options.ts';

/** The development log goes through the request's own logger (pino), as fastify apps expect. */
const warn = (line: string, request: FastifyRequest | undefined) => request?.log.warn(line);

const corsica: FastifyPluginAsync<CorsInput<FastifyRequest>> = async (fastify, options) => {
  const policy = toCors(options, 'app.register(cors, options)');
  const log = developmentLog(warn, process.env['NODE_ENV']);
  policy.useLog(log);
  refuseEarlierRoutes(fastify);
  const router = routerOptionsOf(fastify.initialConfig);
  const pathMatching: PathMatching = {
    caseSensitive: router.caseSensitive !== false,
    trailingSlash: router.ignoreTrailingSlash === true ? 'ignored' : 'significant',
  };
  const semicolons = router.useSemicolonDelimiter === true;
  const routes = new RoutePolicies(router);
  fastify.addHook('onRoute', (route) => routes.declare(route, log));
  fastify.addHook('onReady', async () => routes.seal(fastify));
  fastify.addHook('onRequest', (request, reply, next) => {
    // The path is `request.url`: the target fastify routes on (after `rewriteUrl`), undecoded,
    // query included, cut at `;` where the router does, compared as the router compares paths.
    const view = requestView(request.headers, {
      method: request.method,
      path: semicolons ? () => request.url.split(';', 1)[0] : request.url,
      pathMatching,
      context: request,
    });
    const own = routes.of(request, view);
    if (own === false) return next();
    const decision = (own ?? policy).decide(view);
    if (!isPendingDecision(decision)) return apply(reply, next, decision);
    void decision.then((settled) => apply(reply, next, settled), next);
  });
};

/**
 * Writes the decision; one with a status (a preflight answered here, a rejection) ends the reply.
 * Any other is put back as fastify writes the head (`res.writeHead(status, replyHeaders)`): a
 * handler's `reply.header('vary', …)`, or an error's own headers, may have replaced it. A function
 * of its own, not a closure made per request: calling fresh closures costs about 1 µs on Node 20.
 */
function apply(reply: FastifyReply, next: () => void, decision: CorsDecision): void {
  writeDecision(new ReplyHeaders(reply), decision);
  if (decision.status !== undefined) return void reply.code(decision.status).send();
  writeOnHead(reply.raw, decision);
  next();
}

/** A reply's headers, as the core's writer sees them (a class: no closures made per request). */
class ReplyHeaders implements HeaderSink {
  constructor(readonly reply: FastifyReply) {}
  get(name: string) {
    return this.reply.getHeader(name) as ReturnType<HeaderSink['get']>;
  }
  set(name: string, value: string) {
    this.reply.header(name, value);
  }
}

/**
 * The Corsica CORS plugin for fastify 5 (app-wide, through fastify-plugin). Preflights are answered
 * in `onRequest`, before any authentication hook; other requests get their CORS headers there,
 * put back as the response head is written, so 404s and errors carry them. A route may set its
 * own policy, or `false`, in `config.cors`. Origin predicates receive the fastify `request`.
 * Compiled at registration: an invalid policy, or routes declared before the plugin, make
 * `app.register`/`app.ready()` reject.
 *
 * @param options Corsica options, or a policy compiled with `createCors`.
 * @example
 * await app.register(cors, { origins: ['https://app.example.com'], credentials: true });
 * app.get('/public', { config: { cors: { origins: '*' } } }, async () => ({ ok: true }));
 */
export const cors: FastifyPluginAsync<CorsInput<FastifyRequest>> = fp(corsica, {
  fastify: '5.x',
  name: '@corsica/cors-fastify',
});
