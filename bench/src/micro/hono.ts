import { cors as corsicaCors } from '@corsica/cors-hono';
import type { Context as HonoContext } from 'hono';
import { Context } from 'hono';
import { cors as peerCors } from 'hono/cors';
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
import { freshLines } from '../requests.ts';
import type { FloorAnswer } from './floor.ts';
import { actualAnswer, preflightAnswer, VARY_ONLY } from './floor.ts';
import type { FrameworkSubject } from './subject.ts';

/** A Hono context and the `next` Hono's compose would hand the middleware. */
interface HonoExchange {
  readonly c: HonoContext;
  readonly next: () => Promise<void>;
}

const peer = peerCors({
  origin: [...ALLOWED_ORIGINS],
  credentials: true,
  allowMethods: [...METHODS],
  allowHeaders: [...ALLOWED_HEADERS],
  exposeHeaders: [...EXPOSED_HEADERS],
  maxAge: MAX_AGE,
});
const corsica = corsicaCors(CORSICA_OPTIONS);

/** The floor in Hono: preflights answered with one Response, other headers set on the handler's. */
async function floor(c: HonoContext, next: () => Promise<void>): Promise<Response | undefined> {
  const raw = c.req.raw;
  const headers = raw.headers;
  const origin = headers.get('origin');
  let answer: FloorAnswer = VARY_ONLY;
  if (origin !== null) {
    const method = raw.method === 'OPTIONS' ? headers.get('access-control-request-method') : null;
    answer =
      method === null
        ? actualAnswer(origin)
        : preflightAnswer(origin, method, headers.get('access-control-request-headers'));
  }
  if (answer.status !== undefined)
    return new Response(null, { status: answer.status, headers: answer.record });
  await next();
  const written = c.res.headers;
  const lines = answer.headers;
  for (let i = 0; i < lines.length; i++) {
    const [name, value] = lines[i] as readonly [string, string];
    written.set(name, value);
  }
  written.append('vary', answer.vary);
  return undefined;
}

function exchange(request: Request, path: string): HonoExchange {
  // What Hono's dispatch builds for each request.
  const c = new Context(request, { path, env: {} }) as HonoContext;
  // The route handler behind the middleware, and what compose does with its Response.
  const next = async (): Promise<void> => {
    const response = c.text('ok');
    if (!c.finalized) c.res = response;
  };
  return { c, next };
}

export const honoSubject: FrameworkSubject<HonoExchange> = {
  framework: 'Hono',
  peer: 'hono/cors',
  corsica: '@corsica/cors-hono',
  objects:
    "Hono's own Context over a Fetch Request (Node's undici) built with fresh header strings; the middleware awaited with a next that runs a `c.text('ok')` handler as Hono's compose does. That handler's cost alone is measured on fresh contexts and subtracted from the three GET scenarios.",
  notes: [
    'hono/cors: `origin` is the list of 3 origins; `allowMethods`, `allowHeaders`, `exposeHeaders`, `credentials`, `maxAge` as in the policy.',
    'hono/cors does not check the requested method or headers, sends Access-Control-Allow-Credentials and -Expose-Headers whatever the Origin, and puts Vary: Origin on preflights only before the handler runs.',
  ],
  build(scenario: Scenario): HonoExchange {
    const spec = SCENARIO_REQUESTS[scenario];
    const request = new Request(`http://api.example.com${spec.path}`, {
      method: spec.method,
      headers: freshLines(spec),
    });
    return exchange(request, spec.path);
  },
  runPeer({ c, next }) {
    return peer(c, next);
  },
  runCorsica({ c, next }) {
    return corsica(c, next);
  },
  runFloor({ c, next }) {
    return floor(c, next);
  },
  runDownstreamOnly({ next }) {
    return next();
  },
  snapshot({ c }, result) {
    const answered = result instanceof Response;
    const response = answered ? result : c.res;
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      headers.push([name.toLowerCase(), value]);
    });
    headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { status: answered ? response.status : undefined, headers };
  },
};
