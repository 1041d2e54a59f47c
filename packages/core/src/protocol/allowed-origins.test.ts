import { describe, expect, it } from 'vitest';
import type { RawPolicy } from '../config/validate.ts';
import { validatePolicy } from '../config/validate.ts';
import { Decision } from '../decision.ts';
import type { CorsDecision, CorsOptions, CorsRequest } from '../index.ts';
import { createCors } from '../index.ts';
import { Grant } from '../speed/grant.ts';
import { request } from '../test-support/requests.ts';
import { AllowedOrigins } from './allowed-origins.ts';

const APP = 'https://app.example.com';
const PARTNER = 'https://partner.example.org';

function get(origin: string): CorsRequest {
  return request('GET', { Origin: origin }, '/');
}

function preflight(origin: string, method: string): CorsRequest {
  return request('OPTIONS', { Origin: origin, 'Access-Control-Request-Method': method });
}

/** A policy whose predicate answers `answer`, with the errors its onError hook received. */
function predicatePolicy(answer: () => unknown, options: Partial<CorsOptions> = {}) {
  const errors: unknown[] = [];
  const cors = createCors({
    origins: answer as () => boolean,
    onError: (error) => {
      errors.push(error);
    },
    ...options,
  });
  return { cors, errors };
}

/** The one error an onError hook received, as an Error. */
function onlyError(errors: readonly unknown[]): Error {
  expect(errors).toHaveLength(1);
  const [error] = errors;
  if (!(error instanceof Error)) throw new Error(`not an Error: ${String(error)}`);
  return error;
}

describe('what an origin predicate is given', () => {
  it('is the origin and the framework request the adapter passed as context', () => {
    const seen: unknown[] = [];
    const frameworkRequest = { tenant: 'acme' };
    const cors = createCors({
      origins: (origin, context) => {
        seen.push(origin, context);
        return true;
      },
    });
    cors.decide({ ...get(APP), context: frameworkRequest });
    expect(seen).toStrictEqual([APP, frameworkRequest]);
  });

  it('is the request itself when the adapter passed no context', () => {
    const seen: unknown[] = [];
    const cors = createCors({
      origins: (_origin, context) => {
        seen.push(context);
        return true;
      },
    });
    const corsRequest = get(APP);
    cors.decide(corsRequest);
    expect(seen[0]).toBe(corsRequest);
  });
});

/**
 * A predicate answers `true` or `false` (or a Promise of one). Anything else is a bug in it: the
 * origin is denied with `origin-check-failed` and onError is told why, synchronously when the
 * predicate answered synchronously.
 */
describe('a synchronous predicate', () => {
  it.each([
    [true, true, undefined],
    [false, false, 'origin-not-allowed'],
  ])('answering %s decides synchronously: allowed %s', (answer, allowed, reason) => {
    const { cors, errors } = predicatePolicy(() => answer);
    const decision = cors.decide(get(APP));
    expect(decision).not.toBeInstanceOf(Promise);
    expect(decision).toMatchObject({ allowed, reason });
    expect(errors).toStrictEqual([]);
  });

  it.each([
    ['null', null],
    ['undefined (a forgotten return)', undefined],
    ['a number', 1],
    ['an object without then', { allowed: true }],
    ['a function', () => true],
  ])('answering %s is denied synchronously as a failed check', (_name, answer) => {
    const { cors, errors } = predicatePolicy(() => answer);
    const decision = cors.decide(get(APP));
    expect(decision).not.toBeInstanceOf(Promise);
    expect(decision).toMatchObject({ allowed: false, reason: 'origin-check-failed' });
    const error = onlyError(errors);
    expect([error.name, error.message]).toStrictEqual([
      'NonBoolean',
      'The origins predicate must return true or false (or a Promise of one).',
    ]);
    expect((error as Error & { returned: unknown }).returned).toBe(answer);
  });

  it('answering the origin, the @koa/cors habit, is told what to return instead', () => {
    const { cors, errors } = predicatePolicy(() => APP);
    expect(cors.decide(get(APP))).toMatchObject({ allowed: false, reason: 'origin-check-failed' });
    expect(onlyError(errors).message).toBe(
      `The origins predicate returned the string "${APP}"; return true or false. Corsica writes Access-Control-Allow-Origin itself (the origin, or '*'), so the predicate only says yes or no.`,
    );
  });

  it('answering a long string is quoted up to 120 characters', () => {
    const long = `${'x'.repeat(120)}TAIL`;
    const { cors, errors } = predicatePolicy(() => long);
    cors.decide(get(APP));
    expect(onlyError(errors).message).toBe(
      `The origins predicate returned the string "${'x'.repeat(120)}"; return true or false. Corsica writes Access-Control-Allow-Origin itself (the origin, or '*'), so the predicate only says yes or no.`,
    );
  });

  it('denies without a hook to tell', () => {
    const cors = createCors({ origins: (() => 'yes') as unknown as () => boolean });
    expect(cors.decide(get(APP))).toMatchObject({ allowed: false, reason: 'origin-check-failed' });
  });
});

describe('an asynchronous predicate', () => {
  it('resolving to something else than a boolean is a failed check, not a timeout', async () => {
    const { cors, errors } = predicatePolicy(async () => APP, { timeout: 1000 });
    expect(await cors.decide(get(APP))).toMatchObject({
      allowed: false,
      reason: 'origin-check-failed',
    });
    expect(onlyError(errors).name).toBe('NonBoolean');
  });

  it('that does not settle in time is reported with the timeout it missed', async () => {
    const { cors, errors } = predicatePolicy(() => new Promise<boolean>(() => {}), {
      timeout: 10,
    });
    expect(await cors.decide(get(APP))).toMatchObject({
      allowed: false,
      reason: 'origin-check-timeout',
    });
    const error = onlyError(errors);
    expect([error.name, error.message]).toStrictEqual([
      'CheckTimeout',
      'The origins predicate did not answer within 10 ms.',
    ]);
  });

  it('has no time limit with timeout: 0', async () => {
    const cors = createCors({
      origins: () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 20)),
      timeout: 0,
    });
    expect(await cors.decide(get(APP))).toMatchObject({ allowed: true });
  });

  it('refused for too many checks in flight says how many were allowed', async () => {
    const release: (() => void)[] = [];
    const { cors, errors } = predicatePolicy(
      () => new Promise<boolean>((resolve) => release.push(() => resolve(true))),
      { cache: { ttlMs: 1000, maxConcurrent: 1 } },
    );
    const first = cors.decide(get(APP));
    const refused = await cors.decide(get(PARTNER));
    expect(refused).toMatchObject({ allowed: false, reason: 'origin-check-failed' });
    const error = onlyError(errors);
    expect([error.name, error.message]).toStrictEqual([
      'TooManyChecks',
      'More than 1 origin checks were in flight; this one was refused.',
    ]);
    for (const go of release) go();
    expect(await first).toMatchObject({ allowed: true });
  });

  it('that fails fails every request sharing it, and is reported once', async () => {
    let reject: (error: Error) => void = () => {};
    const { cors, errors } = predicatePolicy(
      () =>
        new Promise<boolean>((_resolve, fail) => {
          reject = fail;
        }),
      { cache: { ttlMs: 1000 } },
    );
    const first = cors.decide(get(APP));
    const sharing = cors.decide(get(APP));
    reject(new Error('tenant lookup failed'));
    const decisions = (await Promise.all([first, sharing])) as Decision[];
    expect(decisions.map((decision) => [decision.allowed, decision.reason])).toStrictEqual([
      [false, 'origin-check-failed'],
      [false, 'origin-check-failed'],
    ]);
    expect(onlyError(errors).message).toBe('tenant lookup failed');
    const details = decisions.map((decision) => Decision.internals(decision).detail as Error);
    expect(details.map((detail) => detail.message)).toStrictEqual([
      'tenant lookup failed',
      'The shared origin check for this origin failed.',
    ]);
  });

  it('that denies denies every request sharing it', async () => {
    let resolve: (allowed: boolean) => void = () => {};
    const { cors, errors } = predicatePolicy(
      () =>
        new Promise<boolean>((settle) => {
          resolve = settle;
        }),
      { cache: { ttlMs: 1000 } },
    );
    const pending = [cors.decide(get(APP)), cors.decide(get(APP))];
    resolve(false);
    const decisions = await Promise.all(pending);
    expect(decisions.map((decision) => [decision.allowed, decision.reason])).toStrictEqual([
      [false, 'origin-not-allowed'],
      [false, 'origin-not-allowed'],
    ]);
    expect(errors).toStrictEqual([]);
  });
});

/**
 * A tiered policy (`origins: '*'` with a credentials list): every origin reads anonymously, the
 * listed ones with credentials (https://fetch.spec.whatwg.org/#http-access-control-allow-credentials).
 */
describe("the fixed answers of '*'", () => {
  // Compiled in each test, so that a mutation of the compiler is active where it runs.
  const tiered = () => createCors({ origins: '*', credentials: [APP, 'https://*.example.org'] });

  it('answers a listed credentialed origin with one shared frozen decision', () => {
    const cors = tiered();
    const first = cors.decide(get(APP)) as CorsDecision;
    expect(first.headers).toStrictEqual([
      ['access-control-allow-origin', APP],
      ['access-control-allow-credentials', 'true'],
    ]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(cors.decide(get(APP))).toBe(first);
  });

  it('builds a pattern-credentialed origin its answer per request', () => {
    const cors = tiered();
    const first = cors.decide(get(PARTNER)) as CorsDecision;
    expect(first.headers).toStrictEqual([
      ['access-control-allow-origin', PARTNER],
      ['access-control-allow-credentials', 'true'],
    ]);
    expect(cors.decide(get(PARTNER))).not.toBe(first);
  });

  it("answers every other origin with '*' and no credentials", () => {
    expect((tiered().decide(get('https://other.example')) as CorsDecision).headers).toStrictEqual([
      ['access-control-allow-origin', '*'],
    ]);
  });

  it('remembers the allowed preflights of one origin', () => {
    const open = createCors({ origins: '*', methods: ['PUT'] });
    const first = open.decide(preflight(APP, 'PUT')) as CorsDecision;
    expect(first.headers).toStrictEqual([
      ['access-control-allow-origin', '*'],
      ['access-control-allow-methods', 'PUT'],
    ]);
    expect(open.decide(preflight(APP, 'PUT'))).toBe(first);
  });
});

/**
 * An origin matched by a pattern, `*` with credentials, or a predicate is answered with its own
 * origin in Access-Control-Allow-Origin, so its grant must never hand a remembered decision to
 * the next origin that matches.
 */
describe('the grants of origins answered per request', () => {
  function origins(options: RawPolicy): AllowedOrigins {
    const { policy, problems } = validatePolicy(options, '');
    expect(problems).toStrictEqual([]);
    return new AllowedOrigins(
      policy,
      (_origin, credentialed) => new Grant(credentialed, undefined, undefined, true),
      ['access-control-allow-origin', '*'],
      undefined,
    );
  }

  it.each([
    ['a pattern', { origins: ['https://*.example.org'] }, false],
    ['a credentialed pattern', { origins: ['https://*.example.org'], credentials: true }, true],
    ["'*' with credentials", { origins: '*', credentials: ['https://*.example.org'] }, true],
    ['a predicate', { origins: () => true }, false],
  ] as const)('%s never remembers a preflight', (_name, options, credentialed) => {
    const allowed = origins(options);
    const grant = allowed.match(PARTNER, get(PARTNER));
    if (!(grant instanceof Grant)) throw new Error('not allowed');
    expect(grant.credentialed).toBe(credentialed);
    const decision = createCors({ origins: [APP] }).decide(get(APP)) as Decision;
    grant.rememberPreflight('PUT', '', decision);
    expect(grant.rememberedPreflight('PUT', '')).toBeUndefined();
  });
});
