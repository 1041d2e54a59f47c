import type { IncomingMessage, ServerResponse } from 'node:http';
import { cors as corsicaCors } from '@corsica/cors-fastify';
import peerCors from '@fastify/cors';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import Fastify from 'fastify';
import type { Scenario } from '../policy.ts';
import {
  ALLOWED_HEADERS,
  ALLOWED_ORIGINS,
  CORSICA_OPTIONS,
  EXPOSED_HEADERS,
  MAX_AGE,
  METHODS,
  PATH,
  REQUEST_ORIGIN,
  REQUESTED_METHOD,
  SCENARIO_REQUESTS,
} from '../policy.ts';
import type { FloorAnswer } from './floor.ts';
import { actualAnswer, preflightAnswer, VARY_ONLY } from './floor.ts';
import { nodeExchange, snapshotNodeResponse } from './node-objects.ts';
import type { FrameworkSubject, Variant } from './subject.ts';

/**
 * fastify runs CORS in hooks, with Request and Reply objects of its own that it builds per route
 * (each plugin context has its own classes). The benchmark registers each variant in its own app,
 * lets fastify route one real request of each method (light-my-request) to find the route context
 * it uses, then for every call builds that context's Request and Reply over fresh Node objects,
 * exactly as fastify's route handler does, and runs the context's registered hooks as fastify's
 * hook runners do: the onRequest hooks, then, for a request that goes on, the onSend hooks with
 * the handler's payload. Routing, the handler and writing the response are left out.
 */

type OnRequestHook = (request: FastifyRequest, reply: FastifyReply, done: Done) => unknown;
type OnSendHook = (
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error?: Error | null, payload?: unknown) => void,
) => unknown;
type Done = (error?: Error) => void;

/** The parts of fastify's per-route context the benchmark uses. */
interface RouteContext {
  readonly Request: new (
    id: string,
    params: unknown,
    req: IncomingMessage,
    query: unknown,
    log: unknown,
    context: RouteContext,
  ) => FastifyRequest;
  readonly Reply: new (res: ServerResponse, request: FastifyRequest, log: unknown) => FastifyReply;
  readonly onRequest: OnRequestHook[] | null;
  readonly onSend: OnSendHook[] | null;
}

/** What a captured route gives each call: its context and the arguments fastify passes. */
interface CapturedRoute {
  readonly context: RouteContext;
  readonly params: unknown;
  readonly query: unknown;
  readonly log: unknown;
  readonly onRequest: readonly OnRequestHook[];
  readonly onSend: readonly OnSendHook[];
}

export type CapturedRoutes = Readonly<Record<'get' | 'preflight', CapturedRoute>>;

export interface FastifyExchange {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly res: ServerResponse;
  readonly route: CapturedRoute;
}

/** The handler's payload, handed to onSend hooks. */
const PAYLOAD = 'ok';
const ROUTE = '/api/items/:id';

/** Marks the capturing hook, which must not run in the measured chain (fastify binds hooks). */
const CAPTURE = 'captureRoute';

function routeContextOf(request: FastifyRequest): RouteContext {
  const key = Object.getOwnPropertySymbols(request).find(
    (symbol) => symbol.description === 'fastify.context',
  );
  if (key === undefined) throw new Error("fastify's Request no longer keeps its route context");
  return (request as unknown as Record<symbol, RouteContext>)[key] as RouteContext;
}

/** The floor in fastify: an onRequest hook setting precomputed headers, replying to preflights. */
function floorHook(
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  const headers = request.headers;
  const origin = headers.origin;
  let answer: FloorAnswer = VARY_ONLY;
  if (origin !== undefined) {
    const method =
      request.method === 'OPTIONS' ? headers['access-control-request-method'] : undefined;
    answer =
      method === undefined
        ? actualAnswer(origin)
        : preflightAnswer(origin, method, headers['access-control-request-headers']);
  }
  const lines = answer.headers;
  for (let i = 0; i < lines.length; i++) {
    const [name, value] = lines[i] as readonly [string, string];
    reply.header(name, value);
  }
  const vary = reply.getHeader('vary');
  reply.header('vary', vary === undefined ? answer.vary : `${String(vary)}, ${answer.vary}`);
  if (answer.status === undefined) {
    done();
    return;
  }
  void reply.code(answer.status).send();
}

const floorPlugin = Object.assign(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', floorHook);
  },
  // fastify-plugin's marker: hooks apply to the whole app, as both CORS plugins' do.
  { [Symbol.for('skip-override')]: true },
);

/** An app with `register`ed, and the route context fastify picks for a GET and for a preflight. */
export async function captureRoutes(
  register: (app: FastifyInstance) => PromiseLike<unknown>,
): Promise<CapturedRoutes> {
  const app = Fastify();
  const seen: FastifyRequest[] = [];
  app.addHook('onRequest', function captureRoute(request, _reply, done) {
    seen.push(request);
    done();
  });
  await register(app);
  app.get(ROUTE, async () => PAYLOAD);
  await app.ready();
  const routeOf = async (method: 'GET' | 'OPTIONS'): Promise<CapturedRoute> => {
    seen.length = 0;
    await app.inject({
      method,
      url: PATH,
      headers: {
        origin: REQUEST_ORIGIN,
        ...(method === 'OPTIONS' ? { 'access-control-request-method': REQUESTED_METHOD } : {}),
      },
    });
    const request = seen[0];
    if (request === undefined)
      throw new Error(`fastify ran no onRequest hook for ${method} ${PATH}`);
    const context = routeContextOf(request);
    const hooks = <T extends { name: string }>(list: T[] | null): T[] =>
      (list ?? []).filter((hook) => !hook.name.endsWith(CAPTURE));
    return {
      context,
      params: request.params,
      query: request.query,
      log: request.log,
      onRequest: hooks(context.onRequest),
      onSend: hooks(context.onSend),
    };
  };
  return { get: await routeOf('GET'), preflight: await routeOf('OPTIONS') };
}

const routes: Readonly<Record<Variant, CapturedRoutes>> = {
  peer: await captureRoutes((app) =>
    app.register(peerCors, {
      origin: [...ALLOWED_ORIGINS],
      credentials: true,
      methods: [...METHODS],
      allowedHeaders: [...ALLOWED_HEADERS],
      exposedHeaders: [...EXPOSED_HEADERS],
      maxAge: MAX_AGE,
    }),
  ),
  corsica: await captureRoutes((app) => app.register(corsicaCors, CORSICA_OPTIONS)),
  floor: await captureRoutes((app) => app.register(floorPlugin)),
};

// Hook callbacks: fastify's runners pass a `next`; these record that it was called.
let finished = false;
function done(error?: Error | null): void {
  if (error) throw error;
  finished = true;
}

/** fastify's onRequest then onSend runners, for hooks that finish synchronously or by promise. */
export function runHooks({ request, reply, route }: FastifyExchange): unknown {
  const onRequest = route.onRequest;
  for (let i = 0; i < onRequest.length; i++) {
    if (reply.sent) return undefined;
    finished = false;
    const result = (onRequest[i] as OnRequestHook)(request, reply, done);
    if (result instanceof Promise) throw new Error('async onRequest hooks are not supported here');
    if (!finished && !reply.sent)
      throw new Error('an onRequest hook neither called next nor replied');
  }
  if (reply.sent) return undefined;
  const onSend = route.onSend;
  for (let i = 0; i < onSend.length; i++) {
    finished = false;
    (onSend[i] as OnSendHook)(request, reply, PAYLOAD, done);
    if (!finished) throw new Error('an onSend hook did not call next synchronously');
  }
  return undefined;
}

const REQUEST_ID = 'req-1';

/** What fastify's route handler builds for one request: the context's Request and Reply. */
export function buildExchange(captured: CapturedRoutes, scenario: Scenario): FastifyExchange {
  const spec = SCENARIO_REQUESTS[scenario];
  const route = spec.method === 'OPTIONS' ? captured.preflight : captured.get;
  const { req, res } = nodeExchange(spec);
  const { context } = route;
  const request = new context.Request(
    REQUEST_ID,
    route.params,
    req,
    route.query,
    route.log,
    context,
  );
  const reply = new context.Reply(res, request, route.log);
  return { request, reply, res, route };
}

export const fastifySubject: FrameworkSubject<FastifyExchange> = {
  framework: 'fastify',
  peer: '@fastify/cors',
  corsica: '@corsica/cors-fastify',
  objects:
    "fastify's own Request and Reply (the route context's classes, as fastify's route handler builds them) over Node's IncomingMessage and ServerResponse without a socket; the app's registered onRequest hooks run, then, for requests that go on, its onSend hooks with the handler's payload (Corsica merges Vary there). Each variant is registered in its own app; routing, the handler and the response write are not timed, except a preflight's reply.send().",
  notes: [
    '@fastify/cors: `origin` is the list of 3 origins; `methods`, `allowedHeaders`, `exposedHeaders`, `credentials`, `maxAge` as in the policy; hook `onRequest` (its default).',
    '@fastify/cors does not check the requested method or headers (it answers every preflight with the whole lists) and sends Access-Control-Allow-Credentials and -Expose-Headers whatever the Origin.',
  ],
  build(scenario: Scenario, variant: Variant | 'downstream'): FastifyExchange {
    const spec = SCENARIO_REQUESTS[scenario];
    const captured = routes[variant === 'downstream' ? 'floor' : variant];
    const route = spec.method === 'OPTIONS' ? captured.preflight : captured.get;
    const { req, res } = nodeExchange(spec);
    const { context } = route;
    const request = new context.Request(
      REQUEST_ID,
      route.params,
      req,
      route.query,
      route.log,
      context,
    );
    const reply = new context.Reply(res, request, route.log);
    return { request, reply, res, route };
  },
  runPeer: runHooks,
  runCorsica: runHooks,
  runFloor: runHooks,
  snapshot({ reply, res }) {
    if (res.headersSent) return snapshotNodeResponse(res);
    const headers = Object.entries(reply.getHeaders())
      .map(([name, value]) => [name.toLowerCase(), String(value)] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { status: undefined, headers };
  },
};
