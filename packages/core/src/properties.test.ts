import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cors, CorsDecision, CorsOptions, CorsRequest } from './index.ts';
import { CorsConfigError, createCors } from './index.ts';
import { runs } from './test-support/runs.ts';

/**
 * Invariants that must hold for every valid policy and every request, however hostile.
 * Origins are checked against an independent model built on the WHATWG URL parser.
 */

const EXACT = [
  'https://app.example.com',
  'http://localhost:3000',
  'http://[::1]:8080',
  'https://xn--bcher-kva.example',
];
const PATTERNS = ['https://*.example.com', 'http://localhost:*', 'https://*.example.org:8443'];

const originEntries = fc.uniqueArray(fc.constantFrom(...EXACT, ...PATTERNS), {
  minLength: 1,
  maxLength: 5,
});

const policies: fc.Arbitrary<CorsOptions> = fc
  .record({
    origins: fc.oneof(fc.constant('*' as const), originEntries),
    credentials: fc.oneof(fc.boolean(), originEntries),
    methods: fc.oneof(
      fc.constant('*' as const),
      fc.uniqueArray(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'PURGE', 'OPTIONS')),
    ),
    allowedHeaders: fc.oneof(
      fc.constant('*' as const),
      fc.constant(['*', 'Authorization']),
      fc.uniqueArray(
        fc.constantFrom('Content-Type', 'X-Custom', 'Authorization', 'X-Requested-With'),
      ),
    ),
    exposedHeaders: fc.oneof(
      fc.constant('*' as const),
      fc.uniqueArray(fc.constantFrom('X-Request-Id', 'ETag')),
    ),
    maxAge: fc.option(fc.integer({ min: 0, max: 86400 }), { nil: undefined }),
    privateNetwork: fc.boolean(),
    rejectDisallowed: fc.boolean(),
    preflight: fc.record({ successStatus: fc.constantFrom(200, 204), continue: fc.boolean() }),
  })
  .map((record) => {
    const options: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record))
      if (value !== undefined) options[key] = value;
    return options as CorsOptions;
  });

function build(options: CorsOptions): Cors | undefined {
  try {
    return createCors(options);
  } catch (error) {
    if (error instanceof CorsConfigError) return undefined; // an invalid combination; nothing to check
    throw error;
  }
}

const origins = fc.oneof(
  fc.constantFrom(
    ...EXACT,
    'https://a.example.com',
    'https://a.b.example.com',
    'https://example.com',
    'https://evilexample.com',
    'https://app.example.com.evil.net',
    'https://APP.example.com',
    'https://app.example.com/',
    'https://app.example.com:443',
    'http://localhost',
    'http://localhost:80',
    'http://localhost:5173',
    'https://x.example.org:8443',
    'https://x.example.org',
    'null',
    'NULL',
    '',
    'https://evil.net#.example.com',
    'https://app.example.com, https://evil.net',
  ),
  fc.webUrl().map((url) => new URL(url).origin),
  fc.string({ maxLength: 60 }),
);

const methods = fc.constantFrom(
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'patch',
  'OPTIONS',
  'TRACE',
  'PURGE',
  'PUT, GET',
  '',
);
const headerLists = fc.oneof(
  fc.constantFrom(
    'content-type',
    'x-custom,content-type',
    'authorization',
    'Content-Type , X-Custom',
    ',,',
    'x a',
    '',
  ),
  fc.string({ maxLength: 80 }),
);

interface RequestShape {
  readonly method: string;
  readonly origin: string | undefined;
  readonly acrm: string | undefined;
  readonly acrh: string | undefined;
  readonly acrpn: string | undefined;
}

const requestShapes: fc.Arbitrary<RequestShape> = fc.record({
  method: fc.oneof(fc.constant('OPTIONS'), methods),
  origin: fc.option(origins, { nil: undefined }),
  acrm: fc.option(methods, { nil: undefined }),
  acrh: fc.option(headerLists, { nil: undefined }),
  acrpn: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
});

function toRequest(shape: RequestShape, origin = shape.origin): CorsRequest {
  const headers: Record<string, string | undefined> = {
    origin,
    'access-control-request-method': shape.acrm,
    'access-control-request-headers': shape.acrh,
    'access-control-request-private-network': shape.acrpn,
  };
  return { method: shape.method, header: (name) => headers[name] };
}

function header(decision: CorsDecision, name: string): string | undefined {
  return decision.headers.find(([n]) => n === name)?.[1];
}

/** The reference model: does a policy entry allow `origin`? Uses the URL parser, not Corsica's. */
function modelAllows(entries: readonly string[], origin: string): boolean {
  if (entries.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // not canonical: browsers never send it
  return entries.some((entry) => {
    const pattern = /^([a-z]+):\/\/(\*\.)?([^:*]+)(?::(\*|\d+))?$/.exec(entry);
    if (pattern === null) return false;
    const [, scheme, sub, base, port] = pattern;
    if (url.protocol !== `${scheme}:`) return false;
    if (port !== '*' && url.port !== (port ?? '')) return false;
    const host = url.hostname;
    return sub === undefined
      ? host === base
      : host.endsWith(`.${base}`) && host.length > (base as string).length + 1;
  });
}

describe('invariants', () => {
  it("never sends '*' together with credentials", () => {
    fc.assert(
      fc.property(policies, requestShapes, (options, shape) => {
        const cors = build(options);
        if (cors === undefined) return;
        const decision = cors.decide(toRequest(shape)) as CorsDecision;
        if (header(decision, 'access-control-allow-credentials') !== undefined) {
          expect(header(decision, 'access-control-allow-origin')).not.toBe('*');
          expect(header(decision, 'access-control-expose-headers')).not.toBe('*');
        }
      }),
      { numRuns: runs(3000) },
    );
  });

  it('never allows an origin the policy does not allow', () => {
    fc.assert(
      fc.property(policies, requestShapes, origins, (options, shape, origin) => {
        const cors = build(options);
        if (cors === undefined) return;
        const decision = cors.decide(toRequest(shape, origin)) as CorsDecision;
        const allowOrigin = header(decision, 'access-control-allow-origin');
        if (allowOrigin === undefined || allowOrigin === '*') return;
        expect(allowOrigin).toBe(origin);
        const entries = [
          ...(Array.isArray(options.origins) ? options.origins : []),
          ...(Array.isArray(options.credentials) ? options.credentials : []),
        ];
        expect(
          modelAllows(entries, origin),
          `${origin} allowed by ${JSON.stringify(entries)}`,
        ).toBe(true);
        if (header(decision, 'access-control-allow-credentials') === 'true') {
          const credentialed = Array.isArray(options.credentials)
            ? options.credentials
            : options.credentials === true
              ? entries
              : [];
          expect(modelAllows(credentialed, origin)).toBe(true);
        }
      }),
      { numRuns: runs(3000) },
    );
  });

  it('sends the same CORS headers to every Origin when a response does not vary on Origin', () => {
    fc.assert(
      fc.property(
        policies,
        requestShapes,
        fc.array(fc.option(origins, { nil: undefined }), { minLength: 1, maxLength: 6 }),
        (options, shape, others) => {
          const cors = build(options);
          if (cors === undefined) return;
          const decision = cors.decide(toRequest(shape)) as CorsDecision;
          if (decision.vary.some((token) => token.toLowerCase() === 'origin')) return;
          for (const other of others) {
            const otherDecision = cors.decide(toRequest(shape, other)) as CorsDecision;
            expect(otherDecision.headers).toStrictEqual(decision.headers);
            expect(otherDecision.status).toBe(decision.status);
          }
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('never throws, whatever bytes the request carries, and explains every decision', async () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.string({ maxLength: 200 }),
    );
    const anyHeader = fc.option(fc.oneof(anyText, fc.array(anyText, { maxLength: 5 })), {
      nil: undefined,
    });
    const throwing = (): boolean => {
      throw new Error('predicate failure');
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          policies,
          fc.constant<CorsOptions>({ origins: throwing }),
          fc.constant<CorsOptions>({
            origins: (origin) => origin.length > 20,
            routes: [{ path: '/api/*', origins: '*' }],
          }),
        ),
        fc.oneof(fc.constant('OPTIONS'), anyText),
        anyHeader,
        anyHeader,
        anyHeader,
        anyHeader,
        fc.option(anyText, { nil: undefined }),
        async (options, method, origin, acrm, acrh, acrpn, path) => {
          const cors = build(options);
          if (cors === undefined) return;
          const headers = {
            origin,
            'access-control-request-method': acrm,
            'access-control-request-headers': acrh,
            'access-control-request-private-network': acrpn,
          };
          const decision = cors.decide({
            method,
            header: (name) => headers[name],
            path,
          }) as CorsDecision;
          const explained = await cors.explain(decision);
          expect(explained).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
          for (const [, value] of decision.headers) expect(value).not.toMatch(/[\r\n\0]/);
        },
      ),
      { numRuns: runs(3000) },
    );
  });
});
