import { describe, expect, it } from 'vitest';
import { Decision } from '../decision.ts';
import type { CorsDecision, CorsOptions, CorsRequest } from '../index.ts';
import { CorsConfigError, createCors, explainConfigError } from '../index.ts';
import { request } from '../test-support/requests.ts';

/**
 * The exact sentences `cors.explain()`, `explainConfigError()` and the development log give: which
 * check failed, on which value, what the policy allows instead and which option to change; for an
 * allowed request, the rule that allowed it.
 */

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

async function explained(options: CorsOptions, req: CorsRequest): Promise<string> {
  const cors = createCors(options);
  return cors.explain(await cors.decide(req));
}

function preflight(method: string, headers?: string, origin = APP): CorsRequest {
  return request(
    'OPTIONS',
    {
      Origin: origin,
      'Access-Control-Request-Method': method,
      ...(headers === undefined ? {} : { 'Access-Control-Request-Headers': headers }),
    },
    '/api',
  );
}

/**
 * First in the file: the reasons table is built when the explanations module loads, and the test
 * that loads it in this file is the one that reads every reason (the module is imported lazily,
 * as the library itself does).
 */
describe('explainConfigError', () => {
  function refusal(options: unknown, reconfigured?: unknown): CorsConfigError {
    try {
      const cors = createCors(options as CorsOptions);
      if (reconfigured !== undefined) cors.reconfigure(reconfigured as CorsOptions);
    } catch (error) {
      if (error instanceof CorsConfigError) return error;
      throw error;
    }
    throw new Error('the policy was accepted');
  }

  const reasons: readonly [string, unknown, unknown, string][] = [
    [
      'origin-wildcard-with-credentials',
      { origins: '*', credentials: true },
      undefined,
      "Browsers refuse Access-Control-Allow-Origin: * on credentialed requests. The usual workaround, reflecting every origin, lets any website read your users' data with their cookies: it is the bug behind cors GHSA-8gfh-8qhq-hv6f and @koa/cors GHSA-qxrj-hx23-xp82. A tiered policy (origins: '*', credentials: [your sites]) gives everyone anonymous reads and only your sites credentials.",
    ],
    [
      'origin-regexp',
      { origins: [/^https:\/\/.*\.example\.com$/] },
      undefined,
      'Regular expressions are how origin checks keep being bypassed: unanchored (evil-example.com), unescaped dots (exampleXcom), or stateful with /g (fastify-cors#151). Patterns are parsed once and matched by whole labels, so they cannot match more than they say.',
    ],
    [
      'origin-null',
      { origins: ['null'] },
      undefined,
      'Origin: null is sent by sandboxed iframes, file: and data: documents and after cross-origin redirects; any site can create one, so allowing it with credentials is close to allowing everyone.',
    ],
    [
      'origin-pattern-public-suffix',
      { origins: ['https://*.github.io'] },
      undefined,
      'Anyone can register a name under a public suffix (github.io, vercel.app, co.uk…), so a pattern over one allows strangers. Corsica checks a short built-in list, not the whole Public Suffix List.',
    ],
    [
      'origin-insecure-with-credentials',
      { origins: ['http://app.example.com'], credentials: true },
      undefined,
      'A plain-http page can be injected by anyone on the network path (public Wi-Fi, a proxy); with credentials, that page reads your users’ data.',
    ],
    [
      'credentials-origin-not-allowed',
      { origins: [APP], credentials: ['https://admin.example.com'] },
      undefined,
      'A credentialed grant needs both an allowed origin and a credentials match: credentials only choose which allowed origins send cookies, so an entry outside origins never gets anything. Usually the origin was meant to be allowed.',
    ],
    [
      'private-network-with-any-origin',
      { origins: '*', privateNetwork: true },
      undefined,
      'Private Network Access lets a public page reach a device on your network; with origins: *, every website could.',
    ],
    [
      'expose-wildcard-with-credentials',
      { origins: [APP], credentials: true, exposedHeaders: '*' },
      undefined,
      "On credentialed requests browsers read '*' in Access-Control-Expose-Headers as a header literally named '*', so nothing would be exposed.",
    ],
    [
      'reconfigure-sync-async',
      { origins: [APP] },
      { origins: async (origin: string) => origin === APP },
      'Code that holds a synchronous policy reads its decisions directly; an async predicate would hand it a promise instead. A policy with an async predicate may switch to synchronous checks, since every caller of an async policy already handles both.',
    ],
    [
      'method-case',
      { origins: [APP], methods: ['patch'] },
      undefined,
      'Browsers uppercase only DELETE, GET, HEAD, OPTIONS, POST and PUT; methods are compared byte for byte, so a lowercase entry never matches what browsers send.',
    ],
    [
      'origin-unicode',
      { origins: ['https://bücher.example'] },
      undefined,
      'Browsers send an internationalized host in its punycode (xn--) form, which the URL parser gives.',
    ],
    [
      'origin-trailing-slash',
      { origins: ['https://app.example.com/'] },
      undefined,
      'An origin is scheme://host[:port]; the browser never sends a path.',
    ],
    [
      'origin-uppercase',
      { origins: ['https://App.Example.com'] },
      undefined,
      'Browsers send the scheme and host in lowercase.',
    ],
    [
      'origin-default-port',
      { origins: ['https://app.example.com:443'] },
      undefined,
      'Browsers leave the default port (443 for https, 80 for http) out of Origin.',
    ],
  ];

  it('says why Corsica refuses each problem it has a reason for', async () => {
    for (const [code, options, reconfigured, why] of reasons) {
      const error = refusal(options, reconfigured);
      expect(error.problems.map((problem) => problem.code)).toStrictEqual([code]);
      const lines = (await explainConfigError(error)).split('\n');
      expect(lines.slice(-3)[0], code).toMatch(new RegExp(` \\[${code}\\]$`));
      expect(lines.at(-1), code).toBe(`  Why: ${why}`);
    }
  });

  it('gives the summary, then each problem: option, code, message and, where there is one, why', async () => {
    const error = refusal({ origins: ['https://App.example.com'], maxAge: -1 });
    expect(await explainConfigError(error)).toBe(
      [
        'Invalid CORS policy given to createCors() (2 problems):',
        '',
        'origins[0] [origin-uppercase]',
        '  "https://App.example.com" has uppercase letters; browsers send the scheme and host in lowercase, so it would never match. Write "https://app.example.com".',
        '  Why: Browsers send the scheme and host in lowercase.',
        '',
        'maxAge [max-age-invalid]',
        '  maxAge is a whole number of seconds from 0 to 86400, not -1; e.g. maxAge: 600. Leave it out for the browser default of 5 s.',
      ].join('\n'),
    );
  });
});

const FIVE = [
  'https://a.example',
  'https://b.example',
  'https://c.example',
  'https://d.example',
  'https://e.example',
];

describe('explaining a denied origin', () => {
  it('lists the allowed origins, all five of a short list', async () => {
    expect(await explained({ origins: FIVE }, request('GET', { Origin: EVIL }, '/'))).toBe(
      'Denied: origin "https://evil.example.net" is not allowed (the policy allows "https://a.example", "https://b.example", "https://c.example", "https://d.example", "https://e.example"). If this site should read responses, add "https://evil.example.net" to origins. The request goes on to the application.',
    );
  });

  it('shows the first five of a longer list and counts the rest', async () => {
    const options = { origins: [...FIVE, 'https://f.example', 'https://g.example'] };
    expect(await explained(options, request('GET', { Origin: EVIL }, '/'))).toBe(
      'Denied: origin "https://evil.example.net" is not allowed (the policy allows "https://a.example", "https://b.example", "https://c.example", "https://d.example", "https://e.example", 2 more). If this site should read responses, add "https://evil.example.net" to origins. The request goes on to the application.',
    );
  });

  it('names who gets credentials when credentials is a list', async () => {
    const options = { origins: [APP, 'https://b.example'], credentials: [APP] };
    expect(await explained(options, request('GET', { Origin: EVIL }, '/'))).toBe(
      'Denied: origin "https://evil.example.net" is not allowed (the policy allows "https://app.example.com", "https://b.example", and with credentials "https://app.example.com"). If this site should read responses, add "https://evil.example.net" to origins. The request goes on to the application.',
    );
  });

  it('says a predicate decides, and names the route whose policy denied it', async () => {
    const options: CorsOptions = {
      origins: [APP],
      routes: [{ path: '/partners/*', origins: (origin) => origin.endsWith('.partner.example') }],
    };
    expect(await explained(options, request('GET', { Origin: EVIL }, '/partners/x'))).toBe(
      'Denied: origin "https://evil.example.net" is not allowed (route "/partners/*") (the policy allows origins its predicate accepts). If this site should read responses, add "https://evil.example.net" to origins. The request goes on to the application.',
    );
  });

  it('explains Origin: null instead of suggesting to allow it', async () => {
    expect(await explained({ origins: [APP] }, request('GET', { Origin: 'null' }, '/'))).toBe(
      'Denied: Origin "null" comes from sandboxed iframes, file: and data: pages and cross-origin redirects, which any site can produce; it is allowed only when listed together with dangerouslyAllowNullOrigin. The request goes on to the application.',
    );
  });

  it('says a preflight is denied, and that it is answered with 403 and nothing else', async () => {
    expect(await explained({ origins: [APP] }, preflight('PUT', undefined, EVIL))).toBe(
      'Preflight denied: origin "https://evil.example.net" is not allowed (the policy allows "https://app.example.com"). If this site should read responses, add "https://evil.example.net" to origins. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    );
  });
});

describe('explaining a failed origin predicate', () => {
  it('quotes a string it returned, and says the predicate only says yes or no', async () => {
    const options = { origins: (() => 'yes') as unknown as () => boolean };
    expect(await explained(options, request('GET', { Origin: APP }, '/'))).toBe(
      'Denied: the origins predicate returned the string "yes" instead of true or false (Corsica writes the header itself; the predicate only says yes or no) for "https://app.example.com", so the origin was denied; onError, if set, received the error. The request goes on to the application.',
    );
  });

  it('quotes another non-boolean it returned', async () => {
    const options = { origins: (() => 1) as unknown as () => boolean };
    expect(await explained(options, request('GET', { Origin: APP }, '/'))).toBe(
      'Denied: the origins predicate returned 1 instead of true or false for "https://app.example.com", so the origin was denied; onError, if set, received the error. The request goes on to the application.',
    );
  });

  it('quotes what it threw when that is not an Error', async () => {
    const options = {
      origins: (): boolean => {
        throw 'tenant lookup failed';
      },
    };
    expect(await explained(options, request('GET', { Origin: APP }, '/'))).toBe(
      'Denied: the origins predicate failed with "tenant lookup failed" for "https://app.example.com", so the origin was denied; onError, if set, received the error. The request goes on to the application.',
    );
  });
});

describe('explaining a denied method', () => {
  it('asks to list an uppercase method, and says what the policy allows', async () => {
    expect(await explained({ origins: [APP] }, preflight('DELETE'))).toBe(
      'Preflight denied: method "DELETE" is not allowed (the policy allows the safelisted GET, HEAD and POST). Add "DELETE" to methods. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    );
  });

  it('for a lowercase method the policy lists in uppercase, asks only to fix the fetch call', async () => {
    expect(await explained({ origins: [APP], methods: ['PATCH'] }, preflight('patch'))).toBe(
      'Preflight denied: method "patch" is not allowed (the policy allows PATCH and the safelisted GET, HEAD and POST). Methods are case-sensitive and browsers only uppercase DELETE, GET, HEAD, OPTIONS, POST and PUT: the script sent "patch"; write "PATCH" in the fetch call. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    );
  });

  it('for a lowercase safelisted method, asks only to fix the fetch call', async () => {
    expect(await explained({ origins: [APP], methods: ['PUT'] }, preflight('post'))).toBe(
      'Preflight denied: method "post" is not allowed (the policy allows PUT and the safelisted GET, HEAD and POST). Methods are case-sensitive and browsers only uppercase DELETE, GET, HEAD, OPTIONS, POST and PUT: the script sent "post"; write "POST" in the fetch call. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    );
  });

  it.each([
    ['get', 'GET'],
    ['head', 'HEAD'],
  ])('%s is one of the safelisted methods: no method to add', async (sent, upper) => {
    expect(await explained({ origins: [APP] }, preflight(sent))).toContain(
      `the script sent "${sent}"; write "${upper}" in the fetch call. Corsica`,
    );
  });

  it('lists every method the policy allows', async () => {
    expect(
      await explained({ origins: [APP], methods: ['PUT', 'PATCH'] }, preflight('DELETE')),
    ).toBe(
      'Preflight denied: method "DELETE" is not allowed (the policy allows PUT, PATCH and the safelisted GET, HEAD and POST). Add "DELETE" to methods. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    );
  });

  it('for a lowercase method the policy does not list, asks to fix the call and list it', async () => {
    expect(await explained({ origins: [APP], methods: ['PUT'] }, preflight('patch'))).toBe(
      'Preflight denied: method "patch" is not allowed (the policy allows PUT and the safelisted GET, HEAD and POST). Methods are case-sensitive and browsers only uppercase DELETE, GET, HEAD, OPTIONS, POST and PUT: the script sent "patch"; write "PATCH" in the fetch call and add "PATCH" to methods. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    );
  });

  it('in debug mode, says the 204 names what is missing and to turn debug off', async () => {
    const options = { origins: [APP], methods: ['PUT'], allowedHeaders: ['X-A'], debug: true };
    expect(await explained(options, preflight('DELETE', 'x-a'))).toBe(
      'Preflight denied: method "DELETE" is not allowed (the policy allows PUT and the safelisted GET, HEAD and POST). Add "DELETE" to methods. Debug mode answers it with the allowed part of what was asked, so the browser names what is missing; turn debug off in production. Corsica answers it with 204.',
    );
  });
});

describe('explaining a denied request header', () => {
  it('lists the allowed names, and asks to add the one that was asked', async () => {
    const options = { origins: [APP], allowedHeaders: ['X-A', 'X-B'] };
    expect(await explained(options, preflight('GET', 'x-c'))).toBe(
      'Preflight denied: request header "x-c" is not allowed (the policy allows x-a, x-b). Add "x-c" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    );
  });

  it("says '*' covers every name but Authorization", async () => {
    const options = { origins: [APP], allowedHeaders: ['*'] };
    expect(await explained(options, preflight('GET', 'authorization'))).toBe(
      "Preflight denied: request header \"authorization\" is not allowed (the policy allows every name except Authorization ('*')). Authorization is never covered by '*' (Fetch); list it by name, e.g. allowedHeaders: ['*', 'Authorization']. Corsica answers it with 403 and no Access-Control-Allow-* headers.",
    );
  });

  it('in debug mode, says the 204 names what is missing', async () => {
    const options = { origins: [APP], methods: ['PUT'], allowedHeaders: ['X-A'], debug: true };
    expect(await explained(options, preflight('PUT', 'x-a,x-b'))).toBe(
      'Preflight denied: request header "x-b" is not allowed (the policy allows x-a). Add "x-b" to allowedHeaders. Debug mode answers it with the allowed part of what was asked, so the browser names what is missing; turn debug off in production. Corsica answers it with 204.',
    );
  });
});

describe('explaining a path no route policy can be chosen for', () => {
  const options: CorsOptions = { origins: [APP], routes: [{ path: '/api/*', origins: [APP] }] };

  it('says the adapter could not read the path', async () => {
    const unread: CorsRequest = {
      method: 'GET',
      header: (name) => (name === 'origin' ? APP : undefined),
    };
    expect(await explained(options, unread)).toBe(
      "Denied: the adapter could not read the request's path, so no route policy can be chosen for it; Corsica grants no CORS access to it. The request goes on to the application.",
    );
  });

  it('names a path that is not plain', async () => {
    expect(await explained(options, request('GET', { Origin: APP }, '/api/../admin'))).toBe(
      'Denied: the request target "/api/../admin" is not a plain path (dot segments, "//", a backslash, an encoded slash, backslash or unreserved character, or an absolute URL), which routers may resolve to another path; Corsica grants no CORS access to it. The request goes on to the application.',
    );
  });
});

describe('explaining an allowed request', () => {
  it('names the exact entry that matched, not an earlier one', async () => {
    expect(await explained({ origins: [EVIL, APP] }, request('GET', { Origin: APP }, '/'))).toBe(
      'Allowed by origins entry "https://app.example.com": origin "https://app.example.com" may read this response. The request goes on to the application.',
    );
  });

  it('names the pattern that matched', async () => {
    const options = { origins: [APP, 'https://*.example.org'] };
    expect(await explained(options, request('GET', { Origin: 'https://shop.example.org' }))).toBe(
      'Allowed by origins entry "https://*.example.org": origin "https://shop.example.org" may read this response. The request goes on to the application.',
    );
  });

  it('prefers an exact entry to a later pattern that also matches', async () => {
    const options = { origins: ['https://shop.example.com', 'https://*.example.com'] };
    expect(await explained(options, request('GET', { Origin: 'https://shop.example.com' }))).toBe(
      'Allowed by origins entry "https://shop.example.com": origin "https://shop.example.com" may read this response. The request goes on to the application.',
    );
  });

  it("names origins: '*' and the predicate", async () => {
    expect(await explained({ origins: '*' }, request('GET', { Origin: EVIL }))).toBe(
      'Allowed by origins: \'*\': origin "https://evil.example.net" may read this response. The request goes on to the application.',
    );
    expect(
      await explained({ origins: (origin) => origin === APP }, request('GET', { Origin: APP })),
    ).toBe(
      'Allowed by the origins predicate: origin "https://app.example.com" may read this response. The request goes on to the application.',
    );
  });

  it('names the route whose policy allowed it', async () => {
    const options: CorsOptions = {
      origins: [APP],
      routes: [{ path: '/api/*', origins: ['https://b.example'] }],
    };
    expect(
      await explained(options, request('GET', { Origin: 'https://b.example' }, '/api/x')),
    ).toBe(
      'Allowed by origins entry "https://b.example" (route "/api/*"): origin "https://b.example" may read this response. The request goes on to the application.',
    );
  });

  it('names a credentialed preflight and the credentials rule', async () => {
    const options = { origins: [APP], credentials: true, methods: ['PUT'] };
    expect(await explained(options, preflight('PUT'))).toBe(
      'Preflight allowed by origins entry "https://app.example.com", with credentials: true: origin "https://app.example.com" (with credentials) for method "PUT". Corsica answers it with 204.',
    );
  });

  it('names nothing more for a preflight that asked for a safelisted method and no headers', async () => {
    expect(await explained({ origins: [APP] }, preflight('GET'))).toBe(
      'Preflight allowed by origins entry "https://app.example.com": origin "https://app.example.com". Corsica answers it with 204.',
    );
  });
});

describe('explaining a request without Origin', () => {
  it("names the static '*' it still gets", async () => {
    expect(await explained({ origins: '*' }, request('GET', {}, '/'))).toBe(
      'Not a CORS request: there is no Origin header, so the application answers and Corsica adds only the static Access-Control-Allow-Origin: * it sends to everyone.',
    );
  });

  it('says nothing is added where CORS is disabled', async () => {
    const options: CorsOptions = {
      origins: [APP],
      routes: [{ path: '/internal/*', disabled: true }],
    };
    expect(await explained(options, request('GET', {}, '/internal/x'))).toBe(
      'Not a CORS request: there is no Origin header, so the application answers and Corsica adds nothing.',
    );
  });
});

describe('describeOrigins', () => {
  /** The policy an allowed request's decision was made with. */
  function policyOf(options: CorsOptions) {
    const decision = createCors(options).decide(request('GET', { Origin: APP }, '/'));
    return Decision.internals(decision as Decision).view.policy;
  }

  it("says '*', and who of everyone gets credentials under a tiered policy", async () => {
    const { describeOrigins } = await import('./explain.ts');
    const policy = policyOf({ origins: '*', credentials: [APP] });
    expect(policy && describeOrigins(policy)).toBe(
      'any origin (\'*\'), and with credentials "https://app.example.com"',
    );
    const anonymous = policyOf({ origins: '*' });
    expect(anonymous && describeOrigins(anonymous)).toBe("any origin ('*')");
  });
});

describe('the development log line', () => {
  async function logged(req: CorsRequest): Promise<readonly string[]> {
    const lines: string[] = [];
    const cors = createCors({ origins: [APP], methods: ['PUT'] });
    cors.useLog({ write: (line) => lines.push(line), production: false });
    cors.decide(req);
    await import('./explain.ts');
    await new Promise((resolve) => setTimeout(resolve, 0));
    return lines;
  }

  const denial =
    'Denied: origin "https://evil.example.net" is not allowed (the policy allows "https://app.example.com"). If this site should read responses, add "https://evil.example.net" to origins. The request goes on to the application.';

  it('names the method and the path without its query', async () => {
    expect(await logged(request('DELETE', { Origin: EVIL }, '/items?page=2'))).toStrictEqual([
      `CORS request from "https://evil.example.net" to "DELETE /items": ${denial}`,
    ]);
  });

  it('names no target when the adapter gives no path, and only the path without a method', async () => {
    expect(await logged(request('GET', { Origin: EVIL }))).toStrictEqual([
      `CORS request from "https://evil.example.net": ${denial}`,
    ]);
    expect(
      await logged({
        method: undefined,
        header: (name) => (name === 'origin' ? EVIL : undefined),
        path: '/items#top',
      }),
    ).toStrictEqual([`CORS request from "https://evil.example.net" to "/items": ${denial}`]);
  });

  it('says preflight for a preflight', async () => {
    const { logLine } = await import('./explain.ts');
    const decision = createCors({ origins: [APP] }).decide(preflight('PUT')) as Decision;
    expect(
      logLine(
        { decision: decision as CorsDecision, ...Decision.internals(decision) },
        'OPTIONS',
        '/api',
      ),
    ).toBe(
      'CORS preflight from "https://app.example.com" to "OPTIONS /api": Preflight denied: method "PUT" is not allowed (the policy allows the safelisted GET, HEAD and POST). Add "PUT" to methods. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    );
  });
});
