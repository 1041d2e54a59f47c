import { METHODS } from 'node:http';
import fc from 'fast-check';
import type { OriginRule, PolicyId } from '../src/policies.ts';
import { POLICY_IDS, policies } from '../src/policies.ts';

/**
 * The fuzz's requests. Header names are tokens (all Node's client sends); values use every byte
 * Node's parser accepts in a field value (HTAB, 0x20-0x7E, 0x80-0xFF), as JavaScript strings of
 * code points up to U+00FF, which Node's client writes as latin1 bytes, one per character, and
 * Node's server reads back the same way (test/wire.test.ts checks it).
 */

export interface FuzzRequest {
  readonly policy: PolicyId;
  /** Whether the server runs with Node's default `maxHeaderSize` instead of the raised one. */
  readonly defaultHeaderSize: boolean;
  readonly method: string;
  readonly path: string;
  /** Field lines in order, names as sent; the client adds Host. */
  readonly headers: readonly (readonly [string, string])[];
  /**
   * A request a browser could send (one well-formed Origin, a route's own spelling, ordinary
   * sizes): the oracle then also says what it must be granted, not only what it must not be.
   */
  readonly clean: boolean;
}

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Header names that change how the message is framed or routed: left out of random names. */
const FRAMING = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'upgrade',
  'expect',
  'keep-alive',
  'te',
  'trailer',
  'proxy-connection',
  'http2-settings',
]);

/** Every byte Node's parser accepts in a field value, as a one-character string. */
export const valueChar: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 1 + 95 + 128 - 1 })
  .map((n) => String.fromCharCode(n === 0 ? 0x09 : n <= 95 ? 0x1f + n : 0x80 + (n - 96)));

export const anyValue: fc.Arbitrary<string> = fc.string({ unit: valueChar, maxLength: 48 });

export const token: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...TCHARS),
  minLength: 1,
  maxLength: 24,
});

const randomName = token.filter((name) => !FRAMING.has(name.toLowerCase()));

function caseOf(name: string): fc.Arbitrary<string> {
  return fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());
}

// --- Origins -----------------------------------------------------------------------------------

/** Origins a browser could send, close to and far from the policies'. */
const CLEAN_ORIGINS = [
  'https://app.example.com',
  'https://admin.example.com',
  'https://x.preview.example.com',
  'https://a.b.preview.example.com',
  'https://preview.example.com',
  'https://www.example.com',
  'https://example.com',
  'http://app.example.com',
  'https://app.example.com:8443',
  'http://localhost:3000',
  'http://localhost:1',
  'http://localhost:65535',
  'http://localhost',
  'https://localhost:3000',
  'http://127.0.0.1:3000',
  'http://[::1]:3000',
  'https://api.partner.example.org',
  'https://a.b.partner.example.org',
  'https://partner.example.org',
  'https://evilpartner.example.org',
  'http://api.partner.example.org',
  'https://x.trusted.example.org',
  'https://trusted.example.org',
  'https://www.example.org',
  'https://example.org',
  'https://evil.example.net',
  'https://example.com.evil.net',
  'https://app.example.com.evil.net',
  'https://xn--bcher-kva.example.com',
  'https://a_b.example.com',
];

const label = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
  minLength: 1,
  maxLength: 8,
});

/** `scheme://labels.domain[:port]` with a canonical port: clean. */
const generatedClean: fc.Arbitrary<string> = fc
  .record({
    scheme: fc.constantFrom('https', 'http'),
    labels: fc.array(label, { minLength: 0, maxLength: 3 }),
    domain: fc.constantFrom(
      'example.com',
      'preview.example.com',
      'partner.example.org',
      'trusted.example.org',
      'example.org',
      'example.net',
      'localhost',
    ),
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { freq: 3 }),
  })
  .map(({ scheme, labels, domain, port }) => {
    const host = [...labels, domain].join('.');
    const defaultPort = scheme === 'https' ? 443 : 80;
    return `${scheme}://${host}${port === null || port === defaultPort ? '' : `:${port}`}`;
  });

export const cleanOrigin: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CLEAN_ORIGINS) },
  { weight: 2, arbitrary: generatedClean },
);

/** Near misses: what a browser never sends, or an attacker's page might. */
const mutatedOrigin: fc.Arbitrary<string> = fc
  .record({
    base: cleanOrigin,
    mutation: fc.constantFrom(
      'upper',
      'upper-scheme',
      'slash',
      'dot',
      'default-port',
      'zero-port',
      'leading-zero-port',
      'big-port',
      'userinfo-before',
      'userinfo-after',
      'suffix',
      'path',
      'query',
      'fragment',
      'list',
      'space-inside',
      'latin1',
      'backslash',
      'percent',
      'empty-port',
      'tab-inside',
    ),
    char: valueChar,
  })
  .map(({ base, mutation, char }) => {
    const [scheme, rest] = base.split('://') as [string, string];
    switch (mutation) {
      case 'upper':
        return `${scheme}://${rest.toUpperCase()}`;
      case 'upper-scheme':
        return `${scheme.toUpperCase()}://${rest}`;
      case 'slash':
        return `${base}/`;
      case 'dot':
        return `${base}.`;
      case 'default-port':
        return `${base}:${scheme === 'https' ? 443 : 80}`;
      case 'zero-port':
        return `${base}:0`;
      case 'leading-zero-port':
        return `${base}:03000`;
      case 'big-port':
        return `${base}:65536`;
      case 'userinfo-before':
        return `${scheme}://evil.example.net@${rest}`;
      case 'userinfo-after':
        return `${base}@evil.example.net`;
      case 'suffix':
        return `${base}.evil.example.net`;
      case 'path':
        return `${base}/path`;
      case 'query':
        return `${base}?x=1`;
      case 'fragment':
        return `${base}#.example.com`;
      case 'list':
        return `${base}, https://evil.example.net`;
      case 'space-inside':
        return `${scheme}:// ${rest}`;
      case 'latin1':
        return `${base.slice(0, -1)}${char}${base.slice(-1)}`;
      case 'backslash':
        return `${scheme}:\\\\${rest}`;
      case 'percent':
        return `${scheme}://${rest.replace('.', '%2e')}`;
      case 'empty-port':
        return `${base}:`;
      default:
        return `${scheme}://\t${rest}`;
    }
  });

const strangeOrigin: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null',
    'NULL',
    '',
    '*',
    'file://',
    'file:///etc/passwd',
    'https://',
    'https:',
    'https://*.example.com',
    'chrome-extension://abcdef',
    'https://app.example.com\u00a0',
    'https://app.example.com\u00ff',
    'https://app.example\u00e9.com',
    'https://[::1',
    'https://256.256.256.256',
    'http://0x7f.1',
    'http://127.1',
  ),
  anyValue,
);

export const anyOrigin: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: cleanOrigin },
  { weight: 3, arbitrary: mutatedOrigin },
  { weight: 2, arbitrary: strangeOrigin },
);

// --- Methods, header lists, paths ---------------------------------------------------------------

const COMMON_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
/** Methods Node's parser knows besides the common ones (CONNECT left out: it opens a tunnel). */
const ODD_METHODS = METHODS.filter(
  (method) => !COMMON_METHODS.includes(method) && method !== 'CONNECT',
);

export const cleanMethod: fc.Arbitrary<string> = fc.constantFrom(...COMMON_METHODS);

export const anyMethod: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: cleanMethod },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_METHODS) },
  { weight: 1, arbitrary: cleanMethod.map((method) => method.toLowerCase()) },
  { weight: 1, arbitrary: token },
);

/** What a preflight may ask for in Access-Control-Request-Method. */
const requestedMethod: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: cleanMethod },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'CONNECT',
      'TRACE',
      'TRACK',
      'connect',
      'put',
      'patch',
      'Put',
      '*',
      '',
      'PUT, DELETE',
      'PUT ',
      ' PUT',
      'P UT',
      'PROPFIND',
      'M-SEARCH',
    ),
  },
  { weight: 1, arbitrary: token },
  { weight: 1, arbitrary: anyValue },
);

const HEADER_NAMES = [
  'content-type',
  'Content-Type',
  'x-requested-with',
  'X-Requested-With',
  'x-api-key',
  'authorization',
  'Authorization',
  'x-custom',
  'accept',
  'cookie',
];

const cleanHeaderList: fc.Arbitrary<string> = fc
  .uniqueArray(fc.constantFrom(...HEADER_NAMES.filter((name) => name === name.toLowerCase())), {
    minLength: 1,
    maxLength: 3,
  })
  .map((names) => names.join(', '));

const requestedHeaders: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: cleanHeaderList },
  {
    weight: 3,
    arbitrary: fc
      .record({
        names: fc.array(fc.oneof(fc.constantFrom(...HEADER_NAMES), token), { maxLength: 6 }),
        separator: fc.constantFrom(',', ', ', ' ,', ',,', ' , ', '\t,\t', ';', ' '),
      })
      .map(({ names, separator }) => names.join(separator)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ count: fc.integer({ min: 20, max: 200 }), name: token })
      .map(({ count, name }) => Array.from({ length: count }, (_, i) => `${name}${i}`).join(', ')),
  },
  { weight: 1, arbitrary: anyValue },
);

/** Request targets at and around the policies' routes. */
const CLEAN_PATHS = ['/api/items', '/api/items/7', '/api/admin/users', '/api/public/x', '/missing'];
const NEAR_PATHS = [
  '/api',
  '/api/',
  '/api/admin',
  '/api/admin/',
  '/api/adminx',
  '/api/admin/users/',
  '/API/admin/users',
  '/api/Admin/users',
  '/api/ADMIN',
  '/api/public',
  '/api/Public/x',
  '/api/%61dmin/users',
  '/api/%41dmin/users',
  '/api/%2e%2e/api/admin/users',
  '/api/./admin/users',
  '/api/../api/admin/users',
  '/api//admin/users',
  '/api\\admin\\users',
  '/api/admin%2Fusers',
  '/api/admin%2fusers',
  '/api/admin;x',
  '/api/admin/users?x=1',
  '/api/items?next=/api/admin/users',
  '/api/items#/api/admin',
  '/api/items/%C3%A9',
  '/api/%zz',
  '/apix',
  '/',
  '/ApI/items',
  '*',
  'http://127.0.0.1/api/admin/users',
  '//api/admin/users',
];

const pathChar: fc.Arbitrary<string> = fc
  .integer({ min: 0x21, max: 0xff })
  .filter((code) => code < 0x7f || code > 0xa0)
  .map((code) => String.fromCharCode(code));

export const anyPath: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CLEAN_PATHS) },
  { weight: 4, arbitrary: fc.constantFrom(...NEAR_PATHS) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        base: fc.constantFrom(...CLEAN_PATHS, ...NEAR_PATHS),
        tail: fc.string({ unit: pathChar, maxLength: 12 }),
      })
      .map(({ base, tail }) => `${base}${tail}`),
  },
);

// --- Whole requests -----------------------------------------------------------------------------

type Line = readonly [string, string];

/** 0, 1 (mostly) or several field lines of `name`, in any letter case. */
function lines(name: string, value: fc.Arbitrary<string>): fc.Arbitrary<Line[]> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Line[]>([]) },
    {
      weight: 8,
      arbitrary: fc.tuple(caseOf(name), value).map(([field, v]): Line[] => [[field, v]]),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(caseOf(name), value), { minLength: 2, maxLength: 3 }),
    },
  );
}

/** Surrounding whitespace, which Node's parser strips. */
const padded = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 9, arbitrary: value },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(' ', '\t', '  '), value, fc.constantFrom('', ' ', '\t'))
        .map(([a, v, b]) => `${a}${v}${b}`),
    },
  );

/** Sizes near both limits: Node's default 16 KiB and the raised 256 KiB. */
const hugeSize: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 15 * 1024, max: 17 * 1024 }),
  fc.integer({ min: 250 * 1024, max: 262 * 1024 }),
  fc.integer({ min: 1024, max: 300 * 1024 }),
);

const hugeLine: fc.Arbitrary<Line> = fc
  .record({
    name: fc.oneof(
      randomName,
      fc.constantFrom('Origin', 'Access-Control-Request-Headers', 'X-Padding'),
    ),
    size: hugeSize,
    fill: valueChar,
    head: fc.constantFrom('', 'https://app.example.com', 'content-type, '),
  })
  .map(({ name, size, fill, head }): Line => [name, `${head}${fill.repeat(size)}x`]);

const extraLines: fc.Arbitrary<Line[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Line[]>([]) },
  { weight: 4, arbitrary: fc.array(fc.tuple(randomName, padded(anyValue)), { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc
      .record({ name: randomName, values: fc.array(anyValue, { minLength: 2, maxLength: 4 }) })
      .map(({ name, values }) => values.map((v): Line => [name, v])),
  },
  { weight: 1, arbitrary: hugeLine.map((line) => [line]) },
);

/** Origins the policy allows (by its description), so that grants get fuzzed as much as denials. */
function friendlyOrigin(policy: PolicyId): fc.Arbitrary<string> {
  const { origins, routes } = policies[policy].oracle;
  const rules: OriginRule[] = [
    ...(origins === 'any' ? [] : origins),
    ...routes.flatMap((route) => (route.rules.origins === 'any' ? [] : route.rules.origins)),
  ];
  if (rules.length === 0) return cleanOrigin;
  return fc.oneof(
    ...rules.map((rule): fc.Arbitrary<string> => {
      if ('exact' in rule) return fc.constant(rule.exact);
      if ('subdomainsOf' in rule)
        return fc
          .array(label, { minLength: 1, maxLength: 2 })
          .map((labels) => `${rule.scheme}://${labels.join('.')}.${rule.subdomainsOf}`);
      return fc
        .integer({ min: 1, max: 65535 })
        .map((port) => `${rule.scheme}://${rule.host}:${port}`);
    }),
  );
}

/** Methods and header lists the policy allows, half the time. */
function friendlyMethod(policy: PolicyId): fc.Arbitrary<string> {
  const { methods } = policies[policy].oracle;
  return methods === 'any' || methods.length === 0 ? cleanMethod : fc.constantFrom(...methods);
}

function friendlyHeaders(policy: PolicyId): fc.Arbitrary<string> {
  const { headers } = policies[policy].oracle;
  if (headers === 'any' || headers.length === 0) return cleanHeaderList;
  return fc
    .uniqueArray(fc.constantFrom(...headers), { minLength: 1, maxLength: headers.length })
    .map((names) => names.join(', '));
}

/** A request a browser could send: everything the liveness half of the oracle relies on. */
const cleanRequest = (policy: PolicyId, preflight: boolean) =>
  fc
    .record({
      origin: fc.oneof(cleanOrigin, friendlyOrigin(policy)),
      method: cleanMethod,
      path: fc.constantFrom(...CLEAN_PATHS),
      requestMethod: fc.oneof(cleanMethod, friendlyMethod(policy)),
      requestHeaders: fc.option(fc.oneof(cleanHeaderList, friendlyHeaders(policy)), { freq: 2 }),
      privateNetwork: fc.boolean(),
      defaultHeaderSize: fc.boolean(),
    })
    .map((r): FuzzRequest => {
      const headers: Line[] = [['Origin', r.origin]];
      if (preflight) {
        headers.push(['Access-Control-Request-Method', r.requestMethod]);
        if (r.requestHeaders !== null)
          headers.push(['Access-Control-Request-Headers', r.requestHeaders]);
        if (r.privateNetwork) headers.push(['Access-Control-Request-Private-Network', 'true']);
      }
      return {
        policy,
        defaultHeaderSize: r.defaultHeaderSize,
        method: preflight ? 'OPTIONS' : r.method,
        path: r.path,
        headers,
        clean: true,
      };
    });

const wildRequest = (policy: PolicyId, preflight: boolean) =>
  fc
    .record({
      method: preflight
        ? fc.oneof(
            { weight: 9, arbitrary: fc.constant('OPTIONS') },
            { weight: 1, arbitrary: anyMethod },
          )
        : anyMethod,
      path: anyPath,
      origin: lines('Origin', padded(fc.oneof(anyOrigin, friendlyOrigin(policy)))),
      requestMethod: preflight
        ? lines('Access-Control-Request-Method', padded(requestedMethod))
        : fc.constant<Line[]>([]),
      requestHeaders: preflight
        ? fc.oneof(
            fc.constant<Line[]>([]),
            lines('Access-Control-Request-Headers', padded(requestedHeaders)),
          )
        : fc.constant<Line[]>([]),
      privateNetwork: fc.oneof(
        { weight: 3, arbitrary: fc.constant<Line[]>([]) },
        {
          weight: 1,
          arbitrary: lines(
            'Access-Control-Request-Private-Network',
            fc.oneof(fc.constantFrom('true', 'TRUE', 'false', ''), anyValue),
          ),
        },
      ),
      extra: extraLines,
      defaultHeaderSize: fc.boolean(),
    })
    .map(
      (r): FuzzRequest => ({
        policy,
        defaultHeaderSize: r.defaultHeaderSize,
        method: r.method,
        path: r.path,
        headers: [
          ...r.origin,
          ...r.extra,
          ...r.requestMethod,
          ...r.requestHeaders,
          ...r.privateNetwork,
        ],
        clean: false,
      }),
    );

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({ policy: fc.constantFrom(...POLICY_IDS), preflight: fc.boolean(), clean: fc.nat(9) })
  .chain(({ policy, preflight, clean }) =>
    clean < 3 ? cleanRequest(policy, preflight) : wildRequest(policy, preflight),
  );

/** The bytes of the request head as Node's client writes it (start line, Host, fields). */
export function headBytes(request: FuzzRequest, host: string): number {
  let size = request.method.length + request.path.length + 12 + host.length + 8;
  for (const [name, value] of request.headers) size += name.length + value.length + 4;
  return size + 26; // Connection: keep-alive, the final CRLF
}
