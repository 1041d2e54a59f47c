import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configProblems } from '../test-support/config-problems.ts';
import { runs } from '../test-support/runs.ts';
import type { OriginEntry } from './origins.ts';
import { canonicalOrigin, entryHost, isLoopbackHost, parseConfiguredOrigin } from './origins.ts';

/**
 * Origins as a policy writes them: the serialized form browsers send in `Origin`
 * (https://fetch.spec.whatwg.org/#origin-header), or a pattern; anything else is refused with the
 * exact sentence that says what is wrong and, where there is one, the canonical form to write.
 */

const strict = { nullOrigin: false, fileOrigins: false };

function refusal(input: string): { code: string; message: string; canonical?: string } {
  const parsed = parseConfiguredOrigin(input, strict);
  if (parsed.kind !== 'problem') throw new Error(`${input} was accepted`);
  return parsed;
}

const problemsOf = configProblems;

const INVALID_HOST =
  "has an invalid host; a host is letters, digits, '-' and '_' in dot-separated labels (punycode for IDN).";

describe('entries that are not scheme://host[:port]', () => {
  it.each([
    ['NULL', '"NULL" is not an origin; the null origin is spelled "null", in lowercase.'],
    ['Null', '"Null" is not an origin; the null origin is spelled "null", in lowercase.'],
  ])('%s: the null origin is only ever lowercase', (input, message) => {
    expect(refusal(input)).toStrictEqual({ kind: 'problem', code: 'origin-malformed', message });
  });

  it.each([
    [
      'app.example.com',
      '"app.example.com" is not an origin; write scheme://host[:port], e.g. "https://app.example.com".',
    ],
    [
      'Api.Example.com',
      '"Api.Example.com" is not an origin; write scheme://host[:port], e.g. "https://api.example.com".',
    ],
    [
      'localhost:3000',
      '"localhost:3000" is not an origin; write scheme://host[:port], e.g. "https://localhost:3000".',
    ],
  ])('a bare host %s is shown with https:// in front', (input, message) => {
    expect(refusal(input)).toStrictEqual({ kind: 'problem', code: 'origin-malformed', message });
  });

  it.each([
    'example.com/login',
    ' api.example.com',
    'localhost:dev',
    'localhost:',
    'api example.com',
    'app.example.com/file:x',
  ])('%s is not a host, so the example is a generic origin', (input) => {
    expect(refusal(input)).toStrictEqual({
      kind: 'problem',
      code: 'origin-malformed',
      message: `"${input}" is not an origin; write scheme://host[:port], e.g. "https://app.example.com".`,
    });
  });

  it('a file: URL without "//" is a file origin, allowed only with its opt-in', () => {
    expect(refusal('file:/home/me/index.html')).toStrictEqual({
      kind: 'problem',
      code: 'origin-file',
      message:
        '"file:/home/me/index.html": browsers send Origin: null from file: pages. Remove it, or set dangerouslyAllowFileOrigins: true for an embedded runtime that sends it.',
    });
    expect(
      parseConfiguredOrigin('FILE:/home/me/index.html', { nullOrigin: false, fileOrigins: true }),
    ).toStrictEqual({ kind: 'exact', origin: 'FILE:/home/me/index.html' });
  });

  it('a scheme starts with a letter and has only letters, digits, "+", "-" and "."', () => {
    expect(refusal('1https://app.example.com')).toStrictEqual({
      kind: 'problem',
      code: 'origin-malformed',
      message:
        '"1https://app.example.com" does not start with a valid scheme; write e.g. "https://app.example.com".',
    });
    expect(refusal('://app.example.com').message).toBe(
      '"://app.example.com" does not start with a valid scheme; write e.g. "https://app.example.com".',
    );
  });
});

describe('the canonical form to write', () => {
  it.each([
    ['HTTPS://app.example.com', 'origin-uppercase', 'https://app.example.com'],
    ['Web+Demo://app.example.com', 'origin-uppercase', 'web+demo://app.example.com'],
    ['https://user:@app.example.com', 'origin-userinfo', 'https://app.example.com'],
    ['https://@app.example.com', 'origin-userinfo', 'https://app.example.com'],
    ['https://app.example.com..', 'origin-trailing-dot', 'https://app.example.com'],
    ['https://*.example.com.', 'origin-trailing-dot', 'https://*.example.com'],
  ])('%s: %s, write %s', (input, code, canonical) => {
    expect(refusal(input)).toMatchObject({ code, canonical });
  });

  it('a host the URL parser rewrites otherwise is "not a serialized origin"', () => {
    // The URL parser reads "\" as "/" and decodes "%2E", so these name another host than written.
    expect(refusal('https://app.example.com\\login')).toStrictEqual({
      kind: 'problem',
      code: 'origin-malformed',
      message:
        '"https://app.example.com\\\\login" is not a serialized origin. Write "https://app.example.com".',
      canonical: 'https://app.example.com',
    });
    expect(refusal('https://app%2Eexample.com')).toStrictEqual({
      kind: 'problem',
      code: 'origin-malformed',
      message:
        '"https://app%2Eexample.com" is not a serialized origin. Write "https://app.example.com".',
      canonical: 'https://app.example.com',
    });
  });

  it('names the uppercase of a host with the uppercase sentence', () => {
    expect(refusal('https://App.example.com').message).toBe(
      '"https://App.example.com" has uppercase letters; browsers send the scheme and host in lowercase, so it would never match. Write "https://app.example.com".',
    );
  });
});

describe('IPv6 literals', () => {
  it('an unterminated literal', () => {
    expect(refusal('https://[::1')).toStrictEqual({
      kind: 'problem',
      code: 'origin-malformed',
      message: '"https://[::1" has an unterminated IPv6 address.',
    });
  });

  it.each(['https://[::1]x', 'https://[::1].example.com'])(
    'text after the literal: %s',
    (input) => {
      expect(refusal(input)).toStrictEqual({
        kind: 'problem',
        code: 'origin-malformed',
        message: `"${input}" has text after its IPv6 address.`,
      });
    },
  );

  it('a literal with a port', () => {
    expect(parseConfiguredOrigin('http://[::1]:8080', strict)).toStrictEqual({
      kind: 'exact',
      origin: 'http://[::1]:8080',
    });
  });
});

describe('ports', () => {
  it.each(['http://localhost:1', 'http://localhost:65535', 'https://example.com:8443'])(
    '%s is in range',
    (origin) => {
      expect(parseConfiguredOrigin(origin, strict)).toStrictEqual({ kind: 'exact', origin });
    },
  );

  it.each([
    ['https://example.com:x8080', 'x8080'],
    ['https://example.com:8080x', '8080x'],
    ['https://example.com:0', '0'],
    ['https://example.com:65536', '65536'],
    ['https://example.com:123456', '123456'],
    ['https://example.com:', ''],
  ])('%s has the port %s', (input, port) => {
    expect(refusal(input)).toStrictEqual({
      kind: 'problem',
      code: 'origin-port-invalid',
      message: `"${input}" has the port "${port}"; write a number from 1 to 65535, or ":*" for any port.`,
    });
  });
});

describe('hosts', () => {
  it.each(['https://', 'https://:8080', 'https://user@'])('%s has no host', (input) => {
    expect(refusal(input)).toStrictEqual({
      kind: 'problem',
      code: 'origin-malformed',
      message: `"${input}" has no host.`,
    });
  });

  it.each([
    'http://999.1.1.1',
    'http://1.2.3.256',
    'https://[::g]',
    'https://[1.2.3.4]',
    'https://*.127.0.0.1',
    'https://*.[1.2.3.4].',
  ])('%s has an invalid IP address', (input) => {
    expect(refusal(input)).toStrictEqual({
      kind: 'problem',
      code: 'origin-malformed',
      message: `"${input}" has an invalid IP address.`,
    });
  });

  it.each([
    'https://exa mple.com',
    'https://ex$ample.com',
    'https://ex$ample.1.com',
    'https://1a.ex$ample.com',
    'https://a..example.com',
  ])('%s has an invalid host', (input) => {
    expect(refusal(input)).toStrictEqual({
      kind: 'problem',
      code: 'origin-malformed',
      message: `"${input}" ${INVALID_HOST}`,
    });
  });

  it.each([
    ['https://*.1password.com', '1password.com'],
    ['https://*.dev2', 'dev2'],
  ])('%s: a host that starts or ends with a digit is not an IP address', (source, baseHost) => {
    expect(parseConfiguredOrigin(source, strict)).toStrictEqual({
      kind: 'pattern',
      source,
      scheme: 'https',
      baseHost,
      subdomains: true,
      port: '',
    });
  });
});

describe('canonicalOrigin', () => {
  it('an entry accepted as it is is already in its canonical form', () => {
    const label = fc.constantFrom(
      'app',
      'Example',
      'com',
      'b\u00fccher',
      'xn--bcher-kva',
      '127',
      '0',
      '*',
      '',
    );
    const entry = fc
      .record({
        scheme: fc.constantFrom('https', 'HTTP', 'wss', 'chrome-extension', 'file'),
        userinfo: fc.constantFrom('', 'me@'),
        host: fc.oneof(
          fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
          fc.constantFrom('[::1]', '[0:0::1]', '[2001:DB8::1]', '127.0.0.1', '0x7f.1'),
        ),
        port: fc.constantFrom('', ':8080', ':080', ':443', ':*', ':0', ':'),
        tail: fc.constantFrom('', '/', '/login', '.'),
      })
      .map(
        ({ scheme, userinfo, host, port, tail }) => `${scheme}://${userinfo}${host}${port}${tail}`,
      );
    fc.assert(
      fc.property(entry, (input) => {
        const parsed = parseConfiguredOrigin(input, { nullOrigin: true, fileOrigins: true });
        if (parsed.kind === 'exact') expect(parsed.origin).toBe(input);
        if (parsed.kind === 'pattern') expect(parsed.source).toBe(input);
      }),
      { numRuns: runs(1000) },
    );
  });

  it.each([
    ['https://app.example.com', 'https://app.example.com'],
    ['https://*.example.com', 'https://*.example.com'],
    ['HTTPS://App.example.com/', 'https://app.example.com'],
    ['null', 'null'],
    ['file://', 'file://'],
    ['app.example.com', 'app.example.com'],
  ])('%s → %s', (input, canonical) => {
    expect(canonicalOrigin(input)).toBe(canonical);
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'app.localhost', '[::1]', '127.0.0.1', '127.10.20.30'])(
    '%s is loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each(['10.127.0.0.1', '127.0.0.1.nip.io', '127.0.0', 'example.com', '[::2]'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('entryHost', () => {
  it.each<[OriginEntry, { scheme: string; host: string } | undefined]>([
    [
      { kind: 'exact', origin: 'http://localhost:3000' },
      { scheme: 'http', host: 'localhost' },
    ],
    [
      { kind: 'exact', origin: 'http://[::1]:8080' },
      { scheme: 'http', host: '[::1]' },
    ],
    [
      { kind: 'exact', origin: 'https://[2001:db8::1]' },
      { scheme: 'https', host: '[2001:db8::1]' },
    ],
    [{ kind: 'exact', origin: 'null' }, undefined],
    [
      {
        kind: 'pattern',
        source: 'http://*.example.com:*',
        scheme: 'http',
        baseHost: 'example.com',
        subdomains: true,
        port: '*',
      },
      { scheme: 'http', host: 'example.com' },
    ],
  ])('%o', (entry, host) => {
    expect(entryHost(entry)).toStrictEqual(host);
  });
});

describe('plain http with credentials is refused unless the host is loopback', () => {
  it.each([
    'http://localhost:3000',
    'http://127.0.0.1',
    'http://127.10.20.30:8080',
    'http://[::1]:8080',
    'http://*.localhost:*',
  ])('%s may have credentials', (origin) => {
    expect(problemsOf({ origins: [origin], credentials: true })).toStrictEqual([]);
  });

  it.each(['http://127.0.0.1.nip.io', 'http://*.example.com', 'http://[2001:db8::1]:8080'])(
    '%s may not',
    (origin) => {
      expect(problemsOf({ origins: [origin], credentials: true })).toStrictEqual([
        {
          code: 'origin-insecure-with-credentials',
          option: 'origins[0]',
          value: origin,
          message: `"${origin}" is plain http with credentials, which anyone on the network path can impersonate. Write "${origin.replace('http:', 'https:')}", or set dangerouslyAllowInsecureOrigins: true.`,
        },
      ]);
    },
  );
});

/**
 * A credentials entry must be able to match an allowed origin: credentials only choose among the
 * allowed origins, so an entry no allowed origin overlaps is dead. Patterns overlap when some
 * origin matches both.
 */
describe('credentials patterns against origins patterns', () => {
  const overlapping: readonly [string, string][] = [
    ['https://*.example.com', 'https://*.example.com'],
    ['https://*.app.example.com', 'https://*.example.com'],
    ['https://*.example.com', 'https://*.app.example.com'],
    ['https://*.example.com:*', 'https://*.example.com'],
    ['https://*.example.com', 'https://*.example.com:*'],
    ['https://*.example.com:8443', 'https://*.example.com:8443'],
    ['https://*.example.com', 'https://app.example.com:*'],
    ['https://app.example.com:*', 'https://*.example.com'],
    ['https://app.example.com:*', 'https://app.example.com:*'],
  ];
  it.each(overlapping)('credentials %s can match origins %s', (credential, origin) => {
    expect(problemsOf({ origins: [origin], credentials: [credential] })).toStrictEqual([]);
  });

  const disjoint: readonly [string, string][] = [
    ['wss://*.example.com', 'https://*.example.com'],
    ['https://*.example.com', 'https://*.example.com:8443'],
    ['https://*.example.com:8443', 'https://*.example.com'],
    ['https://*.example.com:8443', 'https://*.example.com:9443'],
    ['https://*.example.com', 'https://*.example.org'],
    ['https://*.example.com', 'https://*.myexample.com'],
    ['https://*.example.com', 'https://example.com:*'],
    ['https://example.com:*', 'https://*.example.com'],
    ['https://*.app.example.com', 'https://app.example.com:*'],
    ['https://a.example.com:*', 'https://b.example.com:*'],
  ];
  it.each(disjoint)('credentials %s matches none of origins %s', (credential, origin) => {
    expect(problemsOf({ origins: [origin], credentials: [credential] })).toStrictEqual([
      {
        code: 'credentials-origin-not-allowed',
        option: 'credentials[0]',
        value: credential,
        message: `"${credential}" is in credentials but matches none of origins, so it never gets credentials (credentials only picks among allowed origins). To allow it, write origins: ["${origin}", "${credential}"]; otherwise remove it.`,
      },
    ]);
  });
});
