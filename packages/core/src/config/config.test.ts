import { describe, expect, it } from 'vitest';
import type { CorsConfigProblem, CorsConfigProblemCode } from '../index.ts';
import { CORS_CONFIG_PROBLEM_CODES, CorsConfigError, createCors } from '../index.ts';

function problemsOf(options: unknown, reconfigured?: unknown): readonly CorsConfigProblem[] {
  try {
    const cors = createCors(options as never);
    if (reconfigured !== undefined) cors.reconfigure(reconfigured as never);
  } catch (error) {
    if (error instanceof CorsConfigError) return error.problems;
    throw error;
  }
  throw new Error('createCors accepted the policy');
}

const APP = 'https://app.example.com';

interface Case {
  readonly options: Record<string, unknown>;
  /** Options then given to `cors.reconfigure`, for the problems only a reconfiguration has. */
  readonly reconfigured?: Record<string, unknown>;
  readonly option: string;
  /** A part of the message that tells the user what to write. */
  readonly says: string;
}

/** One policy per code; each must be refused with that code, at that option, saying that. */
const cases: Record<CorsConfigProblemCode, Case> = {
  'option-unknown': {
    options: { origin: APP },
    option: 'origin',
    says: "write origins: ['https://app.example.com']",
  },
  'option-type': {
    options: { origins: true },
    option: 'origins',
    says: "list the origins, or write '*'",
  },
  'origins-missing': {
    options: {},
    option: 'origins',
    says: "Write origins: ['https://app.example.com']",
  },
  'origins-empty': {
    options: { origins: [] },
    option: 'origins',
    says: 'List at least one origin',
  },
  'origin-wildcard-in-list': {
    options: { origins: ['*', APP] },
    option: 'origins[0]',
    says: "write origins: '*' alone",
  },
  'origin-wildcard-with-credentials': {
    options: { origins: '*', credentials: true },
    option: 'origins',
    says: "credentials: ['https://app.example.com'] keeps '*' for anonymous reads",
  },
  'origin-regexp': {
    options: { origins: [/^https:\/\/.*\.example\.com$/] },
    option: 'origins[0]',
    says: 'Write "https://*.example.com" instead',
  },
  'origin-malformed': {
    options: { origins: ['app.example.com'] },
    option: 'origins[0]',
    says: 'e.g. "https://app.example.com"',
  },
  'origin-path': {
    options: { origins: ['https://app.example.com/login'] },
    option: 'origins[0]',
    says: 'Write "https://app.example.com"',
  },
  'origin-trailing-slash': {
    options: { origins: ['https://app.example.com/'] },
    option: 'origins[0]',
    says: 'Write "https://app.example.com"',
  },
  'origin-userinfo': {
    options: { origins: ['https://me@app.example.com'] },
    option: 'origins[0]',
    says: 'Write "https://app.example.com"',
  },
  'origin-default-port': {
    options: { origins: ['https://app.example.com:443'] },
    option: 'origins[0]',
    says: 'Write "https://app.example.com"',
  },
  'origin-port-invalid': {
    options: { origins: ['http://localhost:99999'] },
    option: 'origins[0]',
    says: 'a number from 1 to 65535',
  },
  'origin-uppercase': {
    options: { origins: ['https://App.Example.com'] },
    option: 'origins[0]',
    says: 'Write "https://app.example.com"',
  },
  'origin-unicode': {
    options: { origins: ['https://bücher.example'] },
    option: 'origins[0]',
    says: 'Write "https://xn--bcher-kva.example"',
  },
  'origin-ip-noncanonical': {
    options: { origins: ['http://[0:0:0:0:0:0:0:1]:8080'] },
    option: 'origins[0]',
    says: 'Write "http://[::1]:8080"',
  },
  'origin-trailing-dot': {
    options: { origins: ['https://app.example.com.'] },
    option: 'origins[0]',
    says: 'Write "https://app.example.com"',
  },
  'origin-null': {
    options: { origins: ['null'] },
    option: 'origins[0]',
    says: 'dangerouslyAllowNullOrigin: true',
  },
  'origin-file': {
    options: { origins: ['file://'] },
    option: 'origins[0]',
    says: 'dangerouslyAllowFileOrigins: true',
  },
  'origin-insecure-with-credentials': {
    options: { origins: ['http://app.example.com'], credentials: true },
    option: 'origins[0]',
    says: 'Write "https://app.example.com", or set dangerouslyAllowInsecureOrigins: true',
  },
  'origin-pattern-invalid': {
    options: { origins: ['https://*example.com'] },
    option: 'origins[0]',
    says: '"https://*.example.com"',
  },
  'origin-pattern-public-suffix': {
    options: { origins: ['https://*.github.io'] },
    option: 'origins[0]',
    says: 'set dangerouslyAllowPublicSuffixPatterns: true',
  },
  'origin-duplicate': {
    options: { origins: [APP, APP] },
    option: 'origins[1]',
    says: 'repeats origins[0]',
  },
  'credentials-origin-not-allowed': {
    options: { origins: [APP], credentials: ['https://admin.example.com'] },
    option: 'credentials[0]',
    says: 'write origins: ["https://app.example.com", "https://admin.example.com"]',
  },
  'method-invalid': {
    options: { origins: [APP], methods: ['PUT GET'] },
    option: 'methods[0]',
    says: 'is not a method name',
  },
  'method-forbidden': {
    options: { origins: [APP], methods: ['TRACE'] },
    option: 'methods[0]',
    says: 'browsers never send. Remove it',
  },
  'method-case': {
    options: { origins: [APP], methods: ['patch'] },
    option: 'methods[0]',
    says: 'Write "PATCH"',
  },
  'method-wildcard-in-list': {
    options: { origins: [APP], methods: ['*', 'PUT'] },
    option: 'methods[0]',
    says: "write methods: '*' alone",
  },
  'method-duplicate': {
    options: { origins: [APP], methods: ['PUT', 'PUT'] },
    option: 'methods[1]',
    says: 'listed twice',
  },
  'header-invalid': {
    options: { origins: [APP], allowedHeaders: ['X Custom'] },
    option: 'allowedHeaders[0]',
    says: 'is not a header name',
  },
  'header-forbidden': {
    options: { origins: [APP], allowedHeaders: ['Cookie'] },
    option: 'allowedHeaders[0]',
    says: 'only browsers set. Remove it',
  },
  'header-response-only': {
    options: { origins: [APP], allowedHeaders: ['Access-Control-Allow-Origin'] },
    option: 'allowedHeaders[0]',
    says: 'never a request header. Remove it',
  },
  'header-wildcard-in-list': {
    options: { origins: [APP], allowedHeaders: ['*', 'X-Custom'] },
    option: 'allowedHeaders',
    says: "['*', 'Authorization']",
  },
  'header-duplicate': {
    options: { origins: [APP], allowedHeaders: ['X-A', 'x-a'] },
    option: 'allowedHeaders[1]',
    says: 'listed twice',
  },
  'expose-forbidden': {
    options: { origins: [APP], exposedHeaders: ['Set-Cookie'] },
    option: 'exposedHeaders[0]',
    says: 'is never readable by scripts',
  },
  'expose-wildcard-with-credentials': {
    options: { origins: [APP], credentials: true, exposedHeaders: '*' },
    option: 'exposedHeaders',
    says: "exposedHeaders: ['X-Request-Id']",
  },
  'max-age-invalid': {
    options: { origins: [APP], maxAge: -1 },
    option: 'maxAge',
    says: 'e.g. maxAge: 600',
  },
  'max-age-too-large': {
    options: { origins: [APP], maxAge: 90000 },
    option: 'maxAge',
    says: 'Write at most 86400',
  },
  'preflight-status-invalid': {
    options: { origins: [APP], preflight: { successStatus: 301 } },
    option: 'preflight.successStatus',
    says: 'Write 204, the default, or 200',
  },
  'private-network-with-any-origin': {
    options: { origins: '*', privateNetwork: true },
    option: 'privateNetwork',
    says: "origins: ['https://app.example.com']",
  },
  'route-path-invalid': {
    options: { origins: [APP], routes: [{ path: 'api/*', origins: '*' }] },
    option: 'routes[0].path',
    says: 'must start with "/"',
  },
  'route-method-invalid': {
    options: { origins: [APP], routes: [{ path: '/api/*', method: 'delete' }] },
    option: 'routes[0].method',
    says: 'e.g. "GET" or ["PUT", "DELETE"]',
  },
  'route-duplicate': {
    options: { origins: [APP], routes: [{ path: '/api/*' }, { path: '/api/*' }] },
    option: 'routes[1].path',
    says: 'repeats routes[0]',
  },
  'reconfigure-sync-async': {
    options: { origins: [APP] },
    reconfigured: { origins: async (origin: string) => origin === APP },
    option: 'origins',
    says: '(origin) => allowed.has(origin)',
  },
};

describe('configuration errors', () => {
  it('has a case for every problem code', () => {
    expect(Object.keys(cases).sort()).toStrictEqual([...CORS_CONFIG_PROBLEM_CODES].sort());
  });

  it.each(Object.entries(cases))('%s', (code, c) => {
    const problems = problemsOf(c.options, c.reconfigured);
    const problem = problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(problems, null, 2)).toBeDefined();
    expect(problem?.option).toBe(c.option);
    expect(problem?.message).toContain(c.says);
  });

  it('lists every problem at once, with the offending values', () => {
    const problems = problemsOf({
      origins: ['https://App.example.com', 'null', '*'],
      methods: ['CONNECT'],
      maxAge: 1.5,
    });
    expect(problems.map((p) => [p.code, p.option, p.value])).toStrictEqual([
      ['origin-uppercase', 'origins[0]', 'https://App.example.com'],
      ['origin-null', 'origins[1]', 'null'],
      ['origin-wildcard-in-list', 'origins[2]', '*'],
      ['method-forbidden', 'methods[0]', 'CONNECT'],
      ['max-age-invalid', 'maxAge', 1.5],
    ]);
  });

  it('puts every problem in the error message', () => {
    expect(() => createCors({ origins: ['https://a.example/'], maxAge: 100000 })).toThrow(
      /Invalid CORS policy given to createCors\(\) \(2 problems\):\n {2}- origins\[0\]: .*\[origin-trailing-slash\]\n {2}- maxAge: .*\[max-age-too-large\]/,
    );
  });

  it('names the Corsica option for options of other CORS libraries', () => {
    const problems = problemsOf({
      origins: [APP],
      optionsSuccessStatus: 200,
      preflightContinue: true,
      credential: true,
    });
    expect(problems.map((p) => p.message)).toStrictEqual([
      'Unknown option "optionsSuccessStatus": write preflight: { successStatus: 200 }.',
      'Unknown option "preflightContinue": write preflight: { continue: true }.',
      'Unknown option "credential"; did you mean "credentials"?',
    ]);
  });

  it('accepts loopback http origins with credentials', () => {
    expect(() =>
      createCors({
        origins: [
          'http://localhost:3000',
          'http://127.0.0.1:8080',
          'http://[::1]:5173',
          'http://app.localhost',
        ],
        credentials: true,
      }),
    ).not.toThrow();
  });

  it('checks credentialed tiers for plain http too', () => {
    const problems = problemsOf({ origins: '*', credentials: ['http://app.example.com'] });
    expect(problems.map((p) => [p.code, p.option])).toStrictEqual([
      ['origin-insecure-with-credentials', 'credentials[0]'],
    ]);
  });

  it('lets the dangerously… opt-ins through', () => {
    expect(() =>
      createCors({
        origins: ['null', 'http://app.example.com', 'https://*.github.io'],
        credentials: true,
        dangerouslyAllowNullOrigin: true,
        dangerouslyAllowInsecureOrigins: true,
        dangerouslyAllowPublicSuffixPatterns: true,
      }),
    ).not.toThrow();
  });

  it('refuses a non-object', () => {
    expect(problemsOf('https://app.example.com').map((p) => p.code)).toStrictEqual(['option-type']);
  });

  it('reports problems of inherited options once, at the top level', () => {
    const problems = problemsOf({
      origins: [APP],
      maxAge: -5,
      routes: [{ path: '/a/*', methods: ['PUT'] }, { path: '/b' }],
    });
    expect(problems.map((p) => [p.code, p.option])).toStrictEqual([['max-age-invalid', 'maxAge']]);
  });

  it('reports a route that overrides into a problem', () => {
    const problems = problemsOf({ origins: '*', routes: [{ path: '/me/*', credentials: true }] });
    expect(problems.map((p) => [p.code, p.option])).toStrictEqual([
      ['origin-wildcard-with-credentials', 'routes[0].origins'],
    ]);
  });

  it("reports a route's own invalid options, never dropping the route silently", () => {
    const problems = problemsOf({
      origins: [APP],
      routes: [{ path: '/admin/*', origins: ['https://admin.example.com/'], methods: ['patch'] }],
    });
    expect(problems.map((p) => [p.code, p.option])).toStrictEqual([
      ['origin-trailing-slash', 'routes[0].origins[0]'],
      ['method-case', 'routes[0].methods[0]'],
    ]);
  });

  it('refuses a credentials entry that no allowed origin can match, where both lists are written', () => {
    const problems = problemsOf({
      origins: [APP, 'https://*.preview.example.com', 'http://localhost:*'],
      credentials: [
        APP,
        'https://a.preview.example.com',
        'https://*.example.com',
        'http://localhost:3000',
        'https://evil.example.net',
        'https://*.example.org',
      ],
    });
    expect(problems.map((p) => [p.code, p.option, p.value])).toStrictEqual([
      ['credentials-origin-not-allowed', 'credentials[4]', 'https://evil.example.net'],
      ['credentials-origin-not-allowed', 'credentials[5]', 'https://*.example.org'],
    ]);
  });

  it('checks a route that writes credentials against its origins, own or inherited', () => {
    const problems = problemsOf({
      origins: [APP],
      routes: [{ path: '/admin/*', credentials: ['https://admin.example.com'] }],
    });
    expect(problems.map((p) => [p.code, p.option])).toStrictEqual([
      ['credentials-origin-not-allowed', 'routes[0].credentials[0]'],
    ]);
    expect(problems[0]?.message).toContain(
      'write routes[0].origins: ["https://app.example.com", "https://admin.example.com"]',
    );
  });

  it('narrows an inherited credentials list to the origins a route allows, without an error', () => {
    expect(() =>
      createCors({
        origins: '*',
        credentials: [APP],
        routes: [{ path: '/admin/*', origins: ['https://admin.example.com'] }],
      }),
    ).not.toThrow();
  });

  it('refuses a route that turns dangerouslyAllowNullOrigin off while inheriting "null"', () => {
    const problems = problemsOf({
      origins: [APP, 'null'],
      credentials: true,
      dangerouslyAllowNullOrigin: true,
      routes: [{ path: '/account/*', dangerouslyAllowNullOrigin: false }],
    });
    expect(problems).toStrictEqual([
      {
        code: 'origin-null',
        option: 'routes[0].dangerouslyAllowNullOrigin',
        value: false,
        message:
          'The route sets dangerouslyAllowNullOrigin: false but inherits "null" in origins, which needs it; give the route its own origins without it: origins: ["https://app.example.com"].',
      },
    ]);
  });

  it('refuses a route that turns dangerouslyAllowFileOrigins off while inheriting a file: origin', () => {
    const problems = problemsOf({
      origins: [APP, 'file://'],
      dangerouslyAllowFileOrigins: true,
      routes: [{ path: '/files/*', dangerouslyAllowFileOrigins: false }],
    });
    expect(problems.map((p) => [p.code, p.option])).toStrictEqual([
      ['origin-file', 'routes[0].dangerouslyAllowFileOrigins'],
    ]);
  });

  it('refuses a tiered list over a public suffix, even under origins: *', () => {
    const problems = problemsOf({ origins: '*', credentials: ['https://*.github.io'] });
    expect(problems.map((p) => [p.code, p.option])).toStrictEqual([
      ['origin-pattern-public-suffix', 'credentials[0]'],
    ]);
  });

  it('requires origins on routes when the top level has none', () => {
    const problems = problemsOf({ routes: [{ path: '/a/*', origins: [APP] }, { path: '/b' }] });
    expect(problems.map((p) => [p.code, p.option])).toStrictEqual([
      ['origins-missing', 'routes[1].origins'],
    ]);
  });
});

describe('the first errors a user meets, each with the whole corrected value', () => {
  const messageOf = (options: unknown, code = 'option-type'): string | undefined =>
    problemsOf(options).find((problem) => problem.code === code)?.message;

  it('a string origins, as written or as read from an environment variable', () => {
    expect(messageOf({ origins: 'https://a.com/' })).toContain("write origins: ['https://a.com']");
    expect(messageOf({ origins: 'https://a.com, HTTPS://B.com:443' })).toContain(
      "write origins: ['https://a.com', 'https://b.com']",
    );
  });

  it("origin: as cors and @koa/cors spell it, with the user's own value converted", () => {
    expect(messageOf({ origin: 'https://a.com/' }, 'option-unknown')).toBe(
      'Unknown option "origin": write origins: [\'https://a.com\'].',
    );
    expect(messageOf({ origin: ['https://a.com', 'https://b.com'] }, 'option-unknown')).toContain(
      "write origins: ['https://a.com', 'https://b.com']",
    );
    expect(messageOf({ origin: '*' }, 'option-unknown')).toContain("write origins: '*'");
  });

  it('origin: true, explained as the reflection Corsica refuses', () => {
    expect(messageOf({ origin: true }, 'option-unknown')).toContain(
      'origin: true reflects every origin',
    );
  });

  it('a comma-separated string for methods, allowedHeaders or exposedHeaders', () => {
    expect(messageOf({ origins: [APP], methods: 'GET,PUT, DELETE' })).toBe(
      "methods is a list, not a comma-separated string; write methods: ['GET', 'PUT', 'DELETE'].",
    );
    expect(messageOf({ origins: [APP], allowedHeaders: 'Content-Type, X-Id' })).toContain(
      "write allowedHeaders: ['Content-Type', 'X-Id']",
    );
    expect(
      messageOf({ origins: [APP], routes: [{ path: '/a', exposedHeaders: 'X-Id' }] }),
    ).toContain("write routes[0].exposedHeaders: ['X-Id']");
  });

  it('a RegExp no pattern can express names a predicate', () => {
    expect(
      messageOf({ origins: [/^https:\/\/[a-z]+\.example\.(com|org)$/] }, 'origin-regexp'),
    ).toContain('a predicate: origins: (origin) => myCheck(origin)');
  });

  it('names the function that was called', async () => {
    const { toCors } = await import('../index.ts');
    expect(() => toCors({ origins: 'https://a.com' } as never, 'cors()')).toThrow(
      /^Invalid CORS policy given to cors\(\) \(1 problem\):/,
    );
  });
});
