import { describe, expect, it } from 'vitest';
import type { CorsOptions } from '../index.ts';
import { createCors } from '../index.ts';
import { configProblems } from '../test-support/config-problems.ts';

/**
 * Policy validation (`validate.ts`), through `createCors`: every problem with its exact code, the
 * option it names, the value as written and the message; and the normalized policy, read back with
 * `getOptions()`, for the values validation accepts.
 */

const APP = 'https://app.example.com';

const problemsOf = configProblems;

/** `[code, option]` of every problem, in order. */
function whereOf(options: unknown): [string, string][] {
  return problemsOf(options).map((p) => [p.code, p.option]);
}

function optionsOf(options: Record<string, unknown>): Record<string, unknown> {
  return createCors(options as CorsOptions).getOptions() as Record<string, unknown>;
}

describe('the boolean options', () => {
  const keys = [
    'privateNetwork',
    'rejectDisallowed',
    'dangerouslyAllowNullOrigin',
    'dangerouslyAllowFileOrigins',
    'dangerouslyAllowInsecureOrigins',
    'dangerouslyAllowPublicSuffixPatterns',
  ];

  it.each(keys)('%s is true or false, nothing else', (key) => {
    expect(problemsOf({ origins: [APP], [key]: 'yes' })).toStrictEqual([
      {
        code: 'option-type',
        option: key,
        value: 'yes',
        message: `${key} must be true or false, not "yes".`,
      },
    ]);
  });

  it("names a route's own boolean under the route", () => {
    expect(
      problemsOf({ origins: [APP], routes: [{ path: '/a', rejectDisallowed: 1 }] }),
    ).toStrictEqual([
      {
        code: 'option-type',
        option: 'routes[0].rejectDisallowed',
        value: 1,
        message: 'rejectDisallowed must be true or false, not 1.',
      },
    ]);
  });

  it('an opt-in written as something other than true allows nothing', () => {
    expect(whereOf({ origins: [APP, 'null'], dangerouslyAllowNullOrigin: 'yes' })).toStrictEqual([
      ['option-type', 'dangerouslyAllowNullOrigin'],
      ['origin-null', 'origins[1]'],
    ]);
    expect(whereOf({ origins: '*', privateNetwork: 'yes' })).toStrictEqual([
      ['option-type', 'privateNetwork'],
    ]);
  });
});

describe('origins and credentials', () => {
  it('refuses an origin that is not a string', () => {
    expect(problemsOf({ origins: [APP, 42] })).toStrictEqual([
      {
        code: 'option-type',
        option: 'origins[1]',
        value: 42,
        message: 'each origin must be a string, not 42.',
      },
    ]);
  });

  it("refuses origins that are neither '*', a list nor a predicate", () => {
    expect(problemsOf({ origins: 42 })).toStrictEqual([
      {
        code: 'option-type',
        option: 'origins',
        value: 42,
        message: "origins must be '*', a list of origins or a predicate, not 42.",
      },
    ]);
  });

  it('refuses credentials that are neither a boolean nor a list, and nothing else', () => {
    // With credentials unusable, the plain-http origin is not checked as credentialed either.
    expect(problemsOf({ origins: ['http://app.example.com'], credentials: 42 })).toStrictEqual([
      {
        code: 'option-type',
        option: 'credentials',
        value: 42,
        message:
          'credentials must be true, false or a list of origins allowed to send credentials, not 42.',
      },
    ]);
  });

  it("refuses credentials: '*', which only origins takes", () => {
    expect(problemsOf({ origins: [APP], credentials: '*' })).toStrictEqual([
      {
        code: 'option-type',
        option: 'credentials',
        value: '*',
        message: "credentials is a list, not a comma-separated string; write credentials: ['*'].",
      },
    ]);
  });

  it('corrects a comma-separated origins string, skipping empty elements', () => {
    expect(problemsOf({ origins: 'https://a.example, ,HTTPS://B.example:443,' })).toStrictEqual([
      {
        code: 'option-type',
        option: 'origins',
        value: 'https://a.example, ,HTTPS://B.example:443,',
        message:
          "origins must be '*', a list or a predicate, not a string; write origins: ['https://a.example', 'https://b.example'].",
      },
    ]);
  });

  it('takes credentials: false, and an empty credentials list, as no credentials', () => {
    expect(optionsOf({ origins: [APP], credentials: false })['credentials']).toBe(false);
    // exposedHeaders: '*' is refused only with credentials.
    const options = optionsOf({ origins: [APP], credentials: [], exposedHeaders: '*' });
    expect(options['credentials']).toBe(false);
    expect(options['exposedHeaders']).toBe('*');
  });

  it('checks credentials against origins written in an unusable form as against no origin', () => {
    expect(
      problemsOf({ origins: 'https://a.example', credentials: ['https://a.example'] }),
    ).toStrictEqual([
      {
        code: 'option-type',
        option: 'origins',
        value: 'https://a.example',
        message:
          "origins must be '*', a list or a predicate, not a string; write origins: ['https://a.example'].",
      },
      {
        code: 'credentials-origin-not-allowed',
        option: 'credentials[0]',
        value: 'https://a.example',
        message:
          '"https://a.example" is in credentials but matches none of origins, so it never gets credentials (credentials only picks among allowed origins). To allow it, write origins: ["https://a.example"]; otherwise remove it.',
      },
    ]);
  });

  it('refuses single-label public suffixes, but not localhost', () => {
    expect(problemsOf({ origins: ['https://*.com'] })).toStrictEqual([
      {
        code: 'origin-pattern-public-suffix',
        option: 'origins[0]',
        value: 'https://*.com',
        message:
          '"https://*.com" spans the public suffix "com", where anyone registers names. List your own sites ("https://*.yourname.com"), or set dangerouslyAllowPublicSuffixPatterns: true.',
      },
    ]);
    expect(optionsOf({ origins: ['http://*.localhost:*'] })['origins']).toStrictEqual([
      'http://*.localhost:*',
    ]);
  });
});

describe('a problem of an inherited option is reported again for each route that sets a key it involves', () => {
  it("'*' with credentials: origins and credentials", () => {
    const problems = problemsOf({
      origins: '*',
      credentials: true,
      routes: [
        { path: '/a', origins: '*' },
        { path: '/b', credentials: true },
        { path: '/c', maxAge: 60 },
      ],
    });
    expect(problems.map((p) => [p.code, p.option, p.value])).toStrictEqual([
      ['origin-wildcard-with-credentials', 'origins', '*'],
      ['origin-wildcard-with-credentials', 'routes[0].origins', '*'],
      ['origin-wildcard-with-credentials', 'routes[1].origins', '*'],
    ]);
  });

  it("exposedHeaders: '*' with credentials: exposedHeaders and credentials", () => {
    const problems = problemsOf({
      origins: [APP],
      credentials: true,
      exposedHeaders: '*',
      routes: [
        { path: '/a', exposedHeaders: '*' },
        { path: '/b', credentials: true },
        { path: '/c', maxAge: 60 },
      ],
    });
    expect(problems.map((p) => [p.code, p.option, p.value])).toStrictEqual([
      ['expose-wildcard-with-credentials', 'exposedHeaders', '*'],
      ['expose-wildcard-with-credentials', 'routes[0].exposedHeaders', '*'],
      ['expose-wildcard-with-credentials', 'routes[1].exposedHeaders', '*'],
    ]);
  });

  it("privateNetwork with origins: '*': privateNetwork and origins", () => {
    const problems = problemsOf({
      origins: '*',
      privateNetwork: true,
      routes: [
        { path: '/a', privateNetwork: true },
        { path: '/b', origins: '*' },
        { path: '/c', maxAge: 60 },
      ],
    });
    expect(problems.map((p) => [p.code, p.option, p.value])).toStrictEqual([
      ['private-network-with-any-origin', 'privateNetwork', true],
      ['private-network-with-any-origin', 'routes[0].privateNetwork', true],
      ['private-network-with-any-origin', 'routes[1].privateNetwork', true],
    ]);
  });

  it('a credentials entry outside origins: credentials', () => {
    expect(
      whereOf({
        origins: [APP],
        credentials: ['https://admin.example.com'],
        routes: [
          { path: '/a', credentials: ['https://admin.example.com'] },
          { path: '/c', maxAge: 60 },
        ],
      }),
    ).toStrictEqual([
      ['credentials-origin-not-allowed', 'credentials[0]'],
      ['credentials-origin-not-allowed', 'routes[0].credentials[0]'],
    ]);
  });

  it('plain http with credentials: origins, credentials and dangerouslyAllowInsecureOrigins', () => {
    const insecure = 'http://app.example.com';
    expect(
      whereOf({
        origins: [insecure],
        credentials: true,
        routes: [
          { path: '/a', origins: [insecure] },
          { path: '/b', credentials: true },
          { path: '/c', dangerouslyAllowInsecureOrigins: false },
          { path: '/d', maxAge: 60 },
        ],
      }),
    ).toStrictEqual([
      ['origin-insecure-with-credentials', 'origins[0]'],
      ['origin-insecure-with-credentials', 'routes[0].origins[0]'],
      ['origin-insecure-with-credentials', 'routes[1].origins[0]'],
      ['origin-insecure-with-credentials', 'routes[2].origins[0]'],
    ]);
  });

  it('a pattern over a public suffix in origins: origins and dangerouslyAllowPublicSuffixPatterns', () => {
    const pattern = 'https://*.github.io';
    expect(
      whereOf({
        origins: [pattern],
        routes: [
          { path: '/a', origins: [pattern] },
          { path: '/b', dangerouslyAllowPublicSuffixPatterns: false },
          { path: '/c', maxAge: 60 },
        ],
      }),
    ).toStrictEqual([
      ['origin-pattern-public-suffix', 'origins[0]'],
      ['origin-pattern-public-suffix', 'routes[0].origins[0]'],
      ['origin-pattern-public-suffix', 'routes[1].origins[0]'],
    ]);
  });

  it('a pattern over a public suffix in credentials: credentials', () => {
    const pattern = 'https://*.github.io';
    expect(
      whereOf({
        origins: '*',
        credentials: [pattern],
        routes: [
          { path: '/a', credentials: [pattern] },
          { path: '/c', maxAge: 60 },
        ],
      }),
    ).toStrictEqual([
      ['origin-pattern-public-suffix', 'credentials[0]'],
      ['origin-pattern-public-suffix', 'routes[0].credentials[0]'],
    ]);
  });

  it('"null" without its opt-in: origins and dangerouslyAllowNullOrigin', () => {
    expect(
      whereOf({
        origins: [APP, 'null'],
        routes: [
          { path: '/a', dangerouslyAllowNullOrigin: false },
          { path: '/c', maxAge: 60 },
        ],
      }),
    ).toStrictEqual([
      ['origin-null', 'origins[1]'],
      ['origin-null', 'routes[0].dangerouslyAllowNullOrigin'],
    ]);
  });
});

describe('methods', () => {
  it('refuses a method that is not a string', () => {
    expect(problemsOf({ origins: [APP], methods: [42] })).toStrictEqual([
      {
        code: 'method-invalid',
        option: 'methods[0]',
        value: 42,
        message: '42 is not a method name (an RFC 9110 token such as "PATCH").',
      },
    ]);
  });

  it("refuses methods that are neither '*' nor a list", () => {
    expect(problemsOf({ origins: [APP], methods: 42 })).toStrictEqual([
      {
        code: 'option-type',
        option: 'methods',
        value: 42,
        message: "methods must be '*' or a list such as ['PUT', 'DELETE'], not 42.",
      },
    ]);
  });

  it('corrects a comma-separated string, skipping empty elements', () => {
    expect(problemsOf({ origins: [APP], methods: 'PUT,, DELETE,' })).toStrictEqual([
      {
        code: 'option-type',
        option: 'methods',
        value: 'PUT,, DELETE,',
        message:
          "methods is a list, not a comma-separated string; write methods: ['PUT', 'DELETE'].",
      },
    ]);
  });
});

describe('allowedHeaders and exposedHeaders', () => {
  it("refuses lists that are neither '*' nor a list, with an example for each", () => {
    expect(problemsOf({ origins: [APP], allowedHeaders: 42, exposedHeaders: 42 })).toStrictEqual([
      {
        code: 'option-type',
        option: 'allowedHeaders',
        value: 42,
        message: "allowedHeaders must be '*' or a list such as ['Content-Type'], not 42.",
      },
      {
        code: 'option-type',
        option: 'exposedHeaders',
        value: 42,
        message: "exposedHeaders must be '*' or a list such as ['X-Request-Id'], not 42.",
      },
    ]);
  });

  it('refuses a header name that is not a string', () => {
    expect(problemsOf({ origins: [APP], allowedHeaders: [42] })).toStrictEqual([
      {
        code: 'header-invalid',
        option: 'allowedHeaders[0]',
        value: 42,
        message: '42 is not a header name (an RFC 9110 token such as "X-Request-Id").',
      },
    ]);
  });

  // https://fetch.spec.whatwg.org/#forbidden-request-header
  it('refuses the forbidden request-header prefixes Proxy- and Sec-', () => {
    expect(
      whereOf({ origins: [APP], allowedHeaders: ['Sec-Custom', 'Proxy-Custom', 'X-Sec-Proxy'] }),
    ).toStrictEqual([
      ['header-forbidden', 'allowedHeaders[0]'],
      ['header-forbidden', 'allowedHeaders[1]'],
    ]);
  });

  it('reports each refused name where it is written, never as a duplicate of a refused one', () => {
    expect(
      whereOf({
        origins: [APP],
        allowedHeaders: [
          'Cookie',
          'cookie',
          'Access-Control-Allow-Origin',
          'access-control-allow-origin',
        ],
        exposedHeaders: ['Set-Cookie', 'set-cookie'],
      }),
    ).toStrictEqual([
      ['header-forbidden', 'allowedHeaders[0]'],
      ['header-forbidden', 'allowedHeaders[1]'],
      ['header-response-only', 'allowedHeaders[2]'],
      ['header-response-only', 'allowedHeaders[3]'],
      ['expose-forbidden', 'exposedHeaders[0]'],
      ['expose-forbidden', 'exposedHeaders[1]'],
    ]);
  });

  // https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name
  it("takes '*' with Authorization, the one name '*' does not cover, and refuses any other", () => {
    expect(optionsOf({ origins: [APP], allowedHeaders: ['*', 'Authorization'] })).toMatchObject({
      allowedHeaders: ['*', 'authorization'],
    });
    expect(
      whereOf({ origins: [APP], allowedHeaders: ['*', 'Authorization', 'X-Custom'] }),
    ).toStrictEqual([['header-wildcard-in-list', 'allowedHeaders']]);
  });

  it("refuses '*' inside an exposedHeaders list", () => {
    expect(problemsOf({ origins: [APP], exposedHeaders: ['*', 'X-Request-Id'] })).toStrictEqual([
      {
        code: 'header-wildcard-in-list',
        option: 'exposedHeaders[0]',
        value: '*',
        message:
          "'*' inside a list is ambiguous; write exposedHeaders: '*' alone, or list the names.",
      },
    ]);
  });
});

describe('maxAge', () => {
  it('takes 0 (no caching of preflights)', () => {
    expect(optionsOf({ origins: [APP], maxAge: 0 })['maxAge']).toBe(0);
  });

  it('refuses a number written as a string', () => {
    expect(whereOf({ origins: [APP], maxAge: '600' })).toStrictEqual([
      ['max-age-invalid', 'maxAge'],
    ]);
  });
});

describe('preflight', () => {
  it.each([['fast'], [null], [[204]]])('refuses preflight: %j', (value) => {
    expect(problemsOf({ origins: [APP], preflight: value })).toStrictEqual([
      {
        code: 'option-type',
        option: 'preflight',
        value,
        message: `preflight must be an object such as { successStatus: 200 }, not ${JSON.stringify(value)}.`,
      },
    ]);
  });

  it('refuses an unknown preflight option', () => {
    expect(
      problemsOf({ origins: [APP], preflight: { successStatus: 200, retries: 2 } }),
    ).toStrictEqual([
      {
        code: 'option-unknown',
        option: 'preflight.retries',
        value: 2,
        message: 'preflight has no option "retries"; it takes successStatus and continue.',
      },
    ]);
  });

  // https://fetch.spec.whatwg.org/#cors-preflight-fetch: a preflight succeeds with an ok status.
  it.each([199, 300, 250.5, '204'])('refuses successStatus: %j', (successStatus) => {
    expect(whereOf({ origins: [APP], preflight: { successStatus } })).toStrictEqual([
      ['preflight-status-invalid', 'preflight.successStatus'],
    ]);
  });

  it.each([200, 299])('takes successStatus: %j', (successStatus) => {
    expect(optionsOf({ origins: [APP], preflight: { successStatus } })['preflight']).toStrictEqual({
      successStatus,
      continue: false,
    });
  });

  it('takes continue: true, and refuses a continue that is not a boolean', () => {
    expect(optionsOf({ origins: [APP], preflight: { continue: true } })['preflight']).toStrictEqual(
      { successStatus: 204, continue: true },
    );
    expect(problemsOf({ origins: [APP], preflight: { continue: 'yes' } })).toStrictEqual([
      {
        code: 'option-type',
        option: 'preflight.continue',
        value: 'yes',
        message: 'preflight.continue must be true or false.',
      },
    ]);
  });
});

describe('timeout', () => {
  it.each([-1, 1.5, '100', 2 ** 31])('refuses timeout: %j', (timeout) => {
    expect(problemsOf({ origins: [APP], timeout })).toStrictEqual([
      {
        code: 'option-type',
        option: 'timeout',
        value: timeout,
        message: `timeout is a whole number of milliseconds (0 waits forever), not ${JSON.stringify(timeout)}; e.g. timeout: 2000.`,
      },
    ]);
  });

  it.each([0, 2 ** 31 - 1])('takes timeout: %j', (timeout) => {
    expect(optionsOf({ origins: [APP], timeout })['timeout']).toBe(timeout);
  });
});

describe('cache', () => {
  it.each([['fast'], [null], [[60000]]])('refuses cache: %j', (value) => {
    expect(problemsOf({ origins: [APP], cache: value })).toStrictEqual([
      {
        code: 'option-type',
        option: 'cache',
        value,
        message: `cache is an object such as { ttlMs: 60000 }, not ${JSON.stringify(value)}.`,
      },
    ]);
  });

  it('takes every cache option', () => {
    const now = (): number => 0;
    const cache = {
      ttlMs: 1,
      negativeTtlMs: 1,
      maxEntries: 1,
      maxNegativeEntries: 1,
      maxConcurrent: 1,
      now,
    };
    expect(optionsOf({ origins: [APP], cache })['cache']).toStrictEqual(cache);
  });

  it('refuses a clock that is not a function', () => {
    expect(problemsOf({ origins: [APP], cache: { ttlMs: 1000, now: 5 } })).toStrictEqual([
      {
        code: 'option-type',
        option: 'cache.now',
        value: 5,
        message: 'cache.now is a clock function returning milliseconds, e.g. () => Date.now().',
      },
    ]);
  });

  it('refuses an unknown cache option', () => {
    expect(problemsOf({ origins: [APP], cache: { ttlMs: 1000, size: 3 } })).toStrictEqual([
      {
        code: 'option-unknown',
        option: 'cache.size',
        value: 3,
        message:
          'cache has no option "size"; it takes ttlMs, negativeTtlMs, maxEntries, maxNegativeEntries, maxConcurrent and now.',
      },
    ]);
  });

  it.each([0, 1.5, '100'])('refuses a count of %j', (maxEntries) => {
    expect(problemsOf({ origins: [APP], cache: { ttlMs: 1000, maxEntries } })).toStrictEqual([
      {
        code: 'option-type',
        option: 'cache.maxEntries',
        value: maxEntries,
        message: `cache.maxEntries is a whole number from 1 up, not ${JSON.stringify(maxEntries)}.`,
      },
    ]);
  });

  it('requires ttlMs', () => {
    expect(problemsOf({ origins: [APP], cache: { maxEntries: 10 } })).toStrictEqual([
      {
        code: 'option-type',
        option: 'cache.ttlMs',
        value: undefined,
        message:
          'cache needs ttlMs, how long an answer is remembered: e.g. cache: { ttlMs: 60000 }.',
      },
    ]);
  });
});
