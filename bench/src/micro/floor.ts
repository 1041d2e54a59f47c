import {
  ALLOWED_ORIGINS,
  EXPOSED_HEADERS,
  MAX_AGE,
  REQUESTED_HEADERS,
  REQUESTED_METHOD,
} from '../policy.ts';

/**
 * The floor: hand-written CORS for this one policy, checking the request with plain `===` and
 * answering with values computed in advance. It writes exactly what Corsica's decision asks for
 * (Vary included), so each framework's floor is the least work that produces Corsica's output
 * there: the physical limit that output costs. It knows only the benchmark's requests; anything
 * else it denies, which the benchmark never exercises.
 */
export interface FloorAnswer {
  readonly headers: readonly (readonly [name: string, value: string])[];
  /** Appended to the response's Vary. */
  readonly vary: string;
  /** Set: end the response with it (a preflight). Undefined: the request goes on. */
  readonly status: number | undefined;
  /** Headers and Vary as one record, for frameworks that build a whole response at once. */
  readonly record: Readonly<Record<string, string>>;
}

function answer(
  headers: readonly (readonly [string, string])[],
  vary: string,
  status: number | undefined,
): FloorAnswer {
  const record = Object.freeze({ ...Object.fromEntries(headers), vary });
  return { headers, vary, status, record };
}

const VARY_ACTUAL = 'Origin';
const VARY_PREFLIGHT = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

/** A request without Origin, or from an origin not listed: nothing but Vary. */
export const VARY_ONLY: FloorAnswer = answer([], VARY_ACTUAL, undefined);
const DENIED_PREFLIGHT: FloorAnswer = answer([['content-length', '0']], VARY_PREFLIGHT, 403);

const ACTUAL: readonly FloorAnswer[] = ALLOWED_ORIGINS.map((origin) =>
  answer(
    [
      ['access-control-allow-origin', origin],
      ['access-control-allow-credentials', 'true'],
      ['access-control-expose-headers', EXPOSED_HEADERS.join(', ')],
    ],
    VARY_ACTUAL,
    undefined,
  ),
);

const PREFLIGHT: readonly FloorAnswer[] = ALLOWED_ORIGINS.map((origin) =>
  answer(
    [
      ['access-control-allow-origin', origin],
      ['access-control-allow-credentials', 'true'],
      ['access-control-allow-methods', REQUESTED_METHOD],
      ['access-control-allow-headers', REQUESTED_HEADERS],
      ['access-control-max-age', String(MAX_AGE)],
      ['content-length', '0'],
    ],
    VARY_PREFLIGHT,
    204,
  ),
);

const [FIRST, SECOND, THIRD] = ALLOWED_ORIGINS;

function originIndex(origin: string): number {
  if (origin === FIRST) return 0;
  if (origin === SECOND) return 1;
  if (origin === THIRD) return 2;
  return -1;
}

/** A GET or POST with an Origin. */
export function actualAnswer(origin: string): FloorAnswer {
  const index = originIndex(origin);
  return index < 0 ? VARY_ONLY : (ACTUAL[index] as FloorAnswer);
}

/** An OPTIONS request with Access-Control-Request-Method. */
export function preflightAnswer(
  origin: string,
  method: string,
  headers: string | null | undefined,
): FloorAnswer {
  const index = originIndex(origin);
  if (index < 0 || method !== REQUESTED_METHOD || headers !== REQUESTED_HEADERS)
    return DENIED_PREFLIGHT;
  return PREFLIGHT[index] as FloorAnswer;
}

/** A response with Node's header API (ServerResponse, and so express and koa). */
interface NodeHeaderSink {
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): unknown;
}

/** Sets the answer's headers and appends its Vary to whatever the response holds. */
export function writeAnswerHeaders(res: NodeHeaderSink, answer: FloorAnswer): void {
  const headers = answer.headers;
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i] as readonly [string, string];
    res.setHeader(name, value);
  }
  const vary = res.getHeader('vary');
  res.setHeader('vary', vary === undefined ? answer.vary : `${String(vary)}, ${answer.vary}`);
}
