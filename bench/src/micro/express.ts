import { cors as corsicaCors } from '@corsica/cors-express';
import peerCors from 'cors';
import type { NextFunction, Request, Response } from 'express';
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

interface ExpressExchange {
  readonly req: Request;
  readonly res: Response;
}

const peer = peerCors({
  origin: [...ALLOWED_ORIGINS],
  credentials: true,
  methods: [...METHODS],
  allowedHeaders: [...ALLOWED_HEADERS],
  exposedHeaders: [...EXPOSED_HEADERS],
  maxAge: MAX_AGE,
});
const corsica = corsicaCors(CORSICA_OPTIONS);

function next(): void {}

/** The floor in express: read `req.headers`, set precomputed headers, end preflights. */
function floor(req: Request, res: Response, proceed: NextFunction): void {
  const headers = req.headers;
  const origin = headers.origin;
  let answer: FloorAnswer = VARY_ONLY;
  if (origin !== undefined) {
    const method = req.method === 'OPTIONS' ? headers['access-control-request-method'] : undefined;
    answer =
      method === undefined
        ? actualAnswer(origin)
        : preflightAnswer(origin, method, headers['access-control-request-headers']);
  }
  writeAnswerHeaders(res, answer);
  if (answer.status === undefined) {
    proceed();
    return;
  }
  res.statusCode = answer.status;
  res.end();
}

export const expressSubject: FrameworkSubject<ExpressExchange> = {
  framework: 'express',
  peer: 'cors',
  corsica: '@corsica/cors-express',
  objects:
    "Node's IncomingMessage and ServerResponse (no socket), with what express's app.handle adds (X-Powered-By, req.res, res.req, originalUrl) but not its prototype swap (see the caveats); the middleware called directly with a no-op next.",
  notes: [
    'cors: `origin` is the list of 3 origins; `methods`, `allowedHeaders`, `exposedHeaders`, `credentials`, `maxAge` as in the policy.',
    'cors does not check the requested method or headers: it answers every preflight with the whole lists, and sends Access-Control-Allow-Credentials and -Expose-Headers on every response, with or without an allowed Origin.',
  ],
  build(scenario: Scenario): ExpressExchange {
    const { req, res } = nodeExchange(SCENARIO_REQUESTS[scenario]);
    // What express's app.handle and router do before the first middleware runs, except
    // Object.setPrototypeOf(req/res, app.request/app.response) and `res.locals`: on Node 20's V8,
    // a property added after a prototype swap gives every object its own hidden class, so
    // each property access on req and res misses every inline cache. That costs microseconds on
    // every middleware alike and would drown the CORS work being compared; both CORS packages use
    // only Node's own request and response API, which these objects have.
    res.setHeader('X-Powered-By', 'Express');
    const request = req as Request;
    const response = res as Response;
    request.res = response;
    request.originalUrl = request.url;
    return { req: request, res: response };
  },
  runPeer({ req, res }) {
    peer(req, res, next);
  },
  runCorsica({ req, res }) {
    corsica(req, res, next);
  },
  runFloor({ req, res }) {
    floor(req, res, next);
  },
  snapshot({ res }) {
    return snapshotNodeResponse(res);
  },
};
