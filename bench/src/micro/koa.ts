import { cors as corsicaCors } from '@corsica/cors-koa';
import peerCors from '@koa/cors';
import type { Context, Next } from 'koa';
import Koa from 'koa';
import type { Scenario } from '../policy.ts';
import {
  ALLOWED_HEADERS,
  ALLOWED_ORIGINS,
  CORSICA_OPTIONS,
  EXPOSED_HEADERS,
  MAX_AGE,
  METHODS,
  SCENARIO_REQUESTS,
} from '../policy.ts';
import type { FloorAnswer } from './floor.ts';
import { actualAnswer, preflightAnswer, VARY_ONLY, writeAnswerHeaders } from './floor.ts';
import { nodeExchange, snapshotNodeResponse } from './node-objects.ts';
import type { FrameworkSubject } from './subject.ts';

const app = new Koa();
const allowed: readonly string[] = ALLOWED_ORIGINS;

const peer = peerCors({
  // @koa/cors takes one origin or a function: the function checks the list, as its README shows.
  origin: (ctx) => {
    const origin = ctx.get('Origin');
    return allowed.includes(origin) ? origin : '';
  },
  credentials: true,
  allowMethods: [...METHODS],
  allowHeaders: [...ALLOWED_HEADERS],
  exposeHeaders: [...EXPOSED_HEADERS],
  maxAge: MAX_AGE,
});
const corsica = corsicaCors(CORSICA_OPTIONS);

/** Downstream of the CORS middleware: nothing, as koa-compose resolves it. */
const DONE = Promise.resolve();
function next(): Promise<void> {
  return DONE;
}

/** The floor in koa: headers on the Node response, status through ctx, then downstream. */
async function floor(ctx: Context, proceed: Next): Promise<void> {
  const headers = ctx.req.headers;
  const origin = headers.origin;
  let answer: FloorAnswer = VARY_ONLY;
  if (origin !== undefined) {
    const method = ctx.method === 'OPTIONS' ? headers['access-control-request-method'] : undefined;
    answer =
      method === undefined
        ? actualAnswer(origin)
        : preflightAnswer(origin, method, headers['access-control-request-headers']);
  }
  if (answer.status !== undefined) {
    // koa sends no body with a 204 by itself; other statuses need an explicit empty body.
    if (answer.status !== 204) ctx.body = null;
    ctx.status = answer.status;
    writeAnswerHeaders(ctx.res, answer);
    return;
  }
  writeAnswerHeaders(ctx.res, answer);
  await proceed();
}

export const koaSubject: FrameworkSubject<Context> = {
  framework: 'koa',
  peer: '@koa/cors',
  corsica: '@corsica/cors-koa',
  objects:
    "koa's own context from app.createContext over Node's IncomingMessage and ServerResponse (no socket), status 404 as koa's handleRequest leaves it; the middleware awaited with a resolved next.",
  notes: [
    '@koa/cors takes a single origin or a function, not a list: `origin` is a function returning the request Origin when it is one of the 3, else an empty string (which skips CORS).',
    '@koa/cors does not check the requested method or headers (it answers every preflight with the whole lists) and keeps its headers on errors (`keepHeadersOnError`, on by default), as Corsica does.',
  ],
  build(scenario: Scenario): Context {
    const { req, res } = nodeExchange(SCENARIO_REQUESTS[scenario]);
    res.statusCode = 404; // what koa's handleRequest sets before the first middleware
    return app.createContext(req, res) as Context;
  },
  runPeer(ctx) {
    return peer(ctx, next);
  },
  runCorsica(ctx) {
    return corsica(ctx, next);
  },
  runFloor(ctx) {
    return floor(ctx, next);
  },
  snapshot(ctx) {
    const { headers } = snapshotNodeResponse(ctx.res);
    // koa ends the response later; a status the middleware set means it answered the request.
    const explicit = (ctx.response as unknown as { _explicitStatus?: boolean })._explicitStatus;
    return { status: explicit === true ? ctx.status : undefined, headers };
  },
};
