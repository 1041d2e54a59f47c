import { describe, expect, it } from 'vitest';
import type { CorsConfigProblem, CorsRequest } from './index.ts';
import { CorsConfigError, createCors, isCors, toCors } from './index.ts';
import { request } from './test-support/requests.ts';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';

const get = (origin: string, path = '/api/items'): CorsRequest =>
  request('GET', { Origin: origin }, path);

/** The CorsConfigError `attempt` throws. */
function refusal(attempt: () => unknown): CorsConfigError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof CorsConfigError) return error;
    throw error;
  }
  throw new Error('the options were accepted');
}

describe('createCors(options): what is not a policy option', () => {
  it.each([
    [null, 'null'],
    ['https://app.example.com', '"https://app.example.com"'],
  ])('refuses %j in place of the options object', (options, shown) => {
    const error = refusal(() => createCors(options as never));
    expect(error.problems).toStrictEqual([
      {
        code: 'option-type',
        option: 'options',
        value: options,
        message: `createCors() takes an options object such as { origins: ['https://app.example.com'] }, not ${shown}.`,
      },
    ] satisfies CorsConfigProblem[]);
  });

  it('refuses hooks that are not functions, an unknown log level, a non-boolean debug and routes that are not a list, all at once', () => {
    const error = refusal(() =>
      createCors({
        origins: [APP],
        onError: 'console.error',
        onDecision: 1,
        log: 'verbose',
        debug: 'yes',
        routes: '/api/*',
      } as never),
    );
    expect(error.problems).toStrictEqual([
      {
        code: 'option-type',
        option: 'onError',
        value: 'console.error',
        message: 'onError must be a function (error, request) => void.',
      },
      {
        code: 'option-type',
        option: 'onDecision',
        value: 1,
        message: 'onDecision must be a function (decision, request) => void.',
      },
      {
        code: 'option-type',
        option: 'log',
        value: 'verbose',
        message: `log is false, 'denials', 'all' or a function (record) => void, not "verbose".`,
      },
      {
        code: 'option-type',
        option: 'debug',
        value: 'yes',
        message: 'debug must be true or false, not "yes".',
      },
      {
        code: 'option-type',
        option: 'routes',
        value: '/api/*',
        message: "routes must be a list such as [{ path: '/api/*', origins: [...] }].",
      },
    ] satisfies CorsConfigProblem[]);
  });

  it.each([false, 'denials', 'all', () => {}] as const)(
    'accepts log: %s, and getOptions() gives it back',
    (log) => {
      expect(createCors({ origins: [APP], log }).getOptions()['log']).toBe(log);
    },
  );

  it('still reports the problems of a top level without origins when it has routes', () => {
    const error = refusal(() =>
      createCors({ routes: [{ path: '/api/*', origins: [APP] }], maxAge: -1 }),
    );
    expect(error.problems.map(({ code, option }) => [code, option])).toStrictEqual([
      ['max-age-invalid', 'maxAge'],
    ]);
  });

  it('requires the top-level origins when there are no routes, or an empty list of them', () => {
    for (const options of [{}, { routes: [] }]) {
      const error = refusal(() => createCors(options as never));
      expect(error.problems.map(({ code }) => code)).toStrictEqual(['origins-missing']);
    }
  });
});

describe('cors.getOptions() of a policy without routes', () => {
  it('is the normalized policy alone: no routes, and no hook or setting that was not given', () => {
    expect(createCors({ origins: [APP], methods: ['PUT'] }).getOptions()).toStrictEqual({
      origins: [APP],
      credentials: false,
      methods: ['PUT'],
      allowedHeaders: [],
      exposedHeaders: [],
      privateNetwork: false,
      preflight: { successStatus: 204, continue: false },
      rejectDisallowed: false,
      dangerouslyAllowNullOrigin: false,
      dangerouslyAllowFileOrigins: false,
      dangerouslyAllowInsecureOrigins: false,
      dangerouslyAllowPublicSuffixPatterns: false,
      timeout: 5000,
    });
  });
});

describe('cors.getOptions() of a top level without origins', () => {
  it('still writes every other top-level option, which the routes inherit', () => {
    const cors = createCors({ methods: ['PUT'], routes: [{ path: '/api/*', origins: [APP] }] });
    expect(cors.getOptions()).toStrictEqual({
      credentials: false,
      methods: ['PUT'],
      allowedHeaders: [],
      exposedHeaders: [],
      privateNetwork: false,
      preflight: { successStatus: 204, continue: false },
      rejectDisallowed: false,
      dangerouslyAllowNullOrigin: false,
      dangerouslyAllowFileOrigins: false,
      dangerouslyAllowInsecureOrigins: false,
      dangerouslyAllowPublicSuffixPatterns: false,
      timeout: 5000,
      routes: [{ path: '/api/*', origins: [APP] }],
    });
    const again = createCors(cors.getOptions());
    const put = request(
      'OPTIONS',
      { Origin: APP, 'Access-Control-Request-Method': 'PUT' },
      '/api/items',
    );
    expect(again.decide(put).allowed).toBe(true);
  });
});

describe('isCors(value) and toCors(input)', () => {
  it('recognizes a compiled policy, and nothing else', () => {
    expect(isCors(createCors({ origins: [APP] }))).toBe(true);
    for (const value of [undefined, null, 'createCors', 42, {}, { origins: [APP] }, () => true]) {
      expect(isCors(value)).toBe(false);
    }
  });

  it('gives a compiled policy back as it is', () => {
    const cors = createCors({ origins: [APP] });
    expect(toCors(cors)).toBe(cors);
    expect(toCors(cors, 'cors()')).toBe(cors);
  });

  it('compiles options, naming createCors() in its errors unless told the caller', () => {
    expect(toCors({ origins: [APP] }).decide(get(APP)).allowed).toBe(true);
    expect(() => toCors({ origins: 'https://a.com' } as never)).toThrow(
      /^Invalid CORS policy given to createCors\(\) \(1 problem\):/,
    );
  });
});

describe('an asynchronous origins predicate anywhere in the policy', () => {
  it('makes the handle asynchronous once, so reconfigure may move it between the top level and the routes', async () => {
    const cors = createCors({
      origins: async (origin) => origin === APP,
      routes: [{ path: '/admin/*', origins: [ADMIN] }],
    });
    cors.reconfigure({ origins: async (origin: string) => origin === ADMIN });
    expect(cors.revision).toBe(2);
    expect((await cors.decide(get(ADMIN))).allowed).toBe(true);
  });

  it('in a route only still refuses an async predicate to a synchronous policy', () => {
    const cors = createCors({ origins: [APP] });
    const error = refusal(() =>
      cors.reconfigure({
        origins: [APP],
        routes: [{ path: '/admin/*', origins: (async () => true) as never }],
      }),
    );
    expect(error.problems.map(({ code }) => code)).toStrictEqual(['reconfigure-sync-async']);
  });
});
