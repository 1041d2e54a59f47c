import { describe, expect, it } from 'vitest';
import { parseConfiguredOrigin } from '../config/origins.ts';
import { suggestPatternsForRegExp } from '../config/regexp-hint.ts';
import { serializeHost } from '../host.ts';
import { isWellFormedOrigin, MAX_ORIGIN_LENGTH, OriginPattern } from './origin.ts';

const strict = { nullOrigin: false, fileOrigins: false };

function pattern(source: string): OriginPattern {
  const parsed = parseConfiguredOrigin(source, strict);
  if (parsed.kind !== 'pattern') throw new Error(`${source} is not a pattern`);
  return new OriginPattern(parsed);
}

describe('policy origins that are already canonical', () => {
  it.each([
    'https://app.example.com',
    'http://localhost:3000',
    'http://127.0.0.1:8080',
    'http://[::1]:8080',
    'https://[2001:db8::1]',
    'https://xn--bcher-kva.example',
    'chrome-extension://abcdefghijklmnop',
    'capacitor://localhost',
    'https://under_score.example.com',
  ])('%s is an exact origin', (origin) => {
    expect(parseConfiguredOrigin(origin, strict)).toStrictEqual({ kind: 'exact', origin });
  });

  it.each([
    [
      'https://*.example.com',
      { scheme: 'https', baseHost: 'example.com', subdomains: true, port: '' },
    ],
    [
      'https://*.example.com:8443',
      { scheme: 'https', baseHost: 'example.com', subdomains: true, port: ':8443' },
    ],
    ['http://localhost:*', { scheme: 'http', baseHost: 'localhost', subdomains: false, port: '*' }],
    [
      'http://*.localhost:*',
      { scheme: 'http', baseHost: 'localhost', subdomains: true, port: '*' },
    ],
  ])('%s is a pattern', (source, shape) => {
    expect(parseConfiguredOrigin(source, strict)).toStrictEqual({
      kind: 'pattern',
      source,
      ...shape,
    });
  });
});

describe('policy origins in other forms name the canonical form', () => {
  it.each([
    ['HTTPS://APP.example.com', 'origin-uppercase', 'https://app.example.com'],
    ['https://app.example.com/', 'origin-trailing-slash', 'https://app.example.com'],
    ['https://app.example.com/path?q#f', 'origin-path', 'https://app.example.com'],
    ['https://app.example.com?q', 'origin-path', 'https://app.example.com'],
    ['https://user:pw@app.example.com', 'origin-userinfo', 'https://app.example.com'],
    ['https://app.example.com:443', 'origin-default-port', 'https://app.example.com'],
    ['http://app.example.com:80', 'origin-default-port', 'http://app.example.com'],
    ['http://localhost:03000', 'origin-port-invalid', 'http://localhost:3000'],
    ['https://Bücher.example', 'origin-unicode', 'https://xn--bcher-kva.example'],
    ['https://münchen.de', 'origin-unicode', 'https://xn--mnchen-3ya.de'],
    ['http://[::0001]:8080', 'origin-ip-noncanonical', 'http://[::1]:8080'],
    ['http://[2001:DB8:0:0:0:0:0:1]', 'origin-ip-noncanonical', 'http://[2001:db8::1]'],
    ['http://127.000.000.001', 'origin-ip-noncanonical', 'http://127.0.0.1'],
    ['https://app.example.com.', 'origin-trailing-dot', 'https://app.example.com'],
    ['https://*.Example.com', 'origin-uppercase', 'https://*.example.com'],
  ])('%s: %s, write %s', (input, code, canonical) => {
    const parsed = parseConfiguredOrigin(input, strict);
    expect(parsed).toMatchObject({ kind: 'problem', code });
    expect(parsed.kind === 'problem' && parsed.message).toContain(`Write "${canonical}".`);
  });

  it.each([
    ['app.example.com', 'origin-malformed'],
    ['https://', 'origin-malformed'],
    ['https://exa mple.com', 'origin-malformed'],
    ['https://example.com:0', 'origin-port-invalid'],
    ['https://example.com:http', 'origin-port-invalid'],
    ['https://*', 'origin-pattern-invalid'],
    ['https://a.*.example.com', 'origin-pattern-invalid'],
    ['https://*example.com', 'origin-pattern-invalid'],
    ['https://[::1', 'origin-malformed'],
    ['http://999.1.1.1', 'origin-malformed'],
    ['http://0x7f.1', 'origin-ip-noncanonical'],
    ['NULL', 'origin-malformed'],
    ['null', 'origin-null'],
    ['file:///home/me/index.html', 'origin-file'],
  ])('%s is refused (%s)', (input, code) => {
    expect(parseConfiguredOrigin(input, strict)).toMatchObject({ kind: 'problem', code });
  });

  it('accepts null and file:// only with their opt-ins', () => {
    expect(parseConfiguredOrigin('null', { nullOrigin: true, fileOrigins: false })).toStrictEqual({
      kind: 'exact',
      origin: 'null',
    });
    expect(
      parseConfiguredOrigin('file://', { nullOrigin: false, fileOrigins: true }),
    ).toStrictEqual({ kind: 'exact', origin: 'file://' });
  });
});

describe('request origins: well-formed means canonical', () => {
  it.each([
    'https://app.example.com',
    'http://localhost:3000',
    'http://[::1]:8080',
    'https://a-b_c.example.com',
    'https://app.example.com.',
    'chrome-extension://abc',
  ])('%s is well-formed', (origin) => {
    expect(isWellFormedOrigin(origin)).toBe(true);
  });

  it.each([
    '',
    'null',
    'https://APP.example.com',
    'https://app.example.com/',
    'https://app.example.com:443',
    'http://app.example.com:80',
    'https://app.example.com:0443',
    'https://app.example.com:65536',
    'https://app.example.com:',
    'https://user@app.example.com',
    'https://a..example.com',
    'https://.example.com',
    'https://bücher.example',
    'http://[0:0:0:0:0:0:0:1]',
    'https://a.example.com, https://b.example.com',
    'https://evil.example.net#.example.com',
    '//app.example.com',
    'HTTPS://app.example.com',
    `https://${'a'.repeat(400)}.com`,
  ])('%s is malformed', (origin) => {
    expect(isWellFormedOrigin(origin)).toBe(false);
  });
});

describe('origin patterns', () => {
  it.each([
    ['https://*.example.com', 'https://a.example.com', true],
    ['https://*.example.com', 'https://a.b.example.com', true],
    ['https://*.example.com', 'https://example.com', false],
    ['https://*.example.com', 'https://.example.com', false],
    ['https://*.example.com', 'https://a..example.com', false],
    ['https://*.example.com', 'https://evilexample.com', false],
    ['https://*.example.com', 'https://evil-example.com', false],
    ['https://*.example.com', 'https://a.example.com.evil.net', false],
    ['https://*.example.com', 'http://a.example.com', false],
    ['https://*.example.com', 'https://a.example.com:8443', false],
    ['https://*.example.com', 'https://a.example.com:443', false],
    ['https://*.example.com', 'https://evil.net#.example.com', false],
    ['https://*.example.com', 'https://evil.net?.example.com', false],
    ['https://*.example.com', 'https://a.example.com@evil.net', false],
    ['https://*.example.com', 'https://a/.example.com', false],
    ['https://*.example.com', 'https://A.example.com', false],
    ['https://*.example.com', 'null', false],
    ['https://*.example.com:8443', 'https://a.example.com:8443', true],
    ['https://*.example.com:8443', 'https://a.example.com', false],
    ['http://localhost:*', 'http://localhost', true],
    ['http://localhost:*', 'http://localhost:5173', true],
    ['http://localhost:*', 'http://localhost:80', false],
    ['http://localhost:*', 'http://localhost:05173', false],
    ['http://localhost:*', 'http://localhost:', false],
    ['http://localhost:*', 'http://localhost.evil.net', false],
    ['http://localhost:*', 'http://evillocalhost:3000', false],
    ['http://localhost:*', 'http://a.localhost:3000', false],
    ['http://*.localhost:*', 'http://a.localhost:3000', true],
    ['http://*.localhost:*', 'http://localhost:3000', false],
    ['http://[::1]:*', 'http://[::1]:8080', true],
    ['http://[::1]:*', 'http://[::1]', true],
    ['http://[::1]:*', 'http://[::1]:80', false],
    ['http://[::1]:*', 'http://[::2]:8080', false],
    ['http://[::1]:*', 'http://[::1]x:8080', false],
  ])('%s against %s: %s', (source, origin, expected) => {
    expect(pattern(source).matches(origin)).toBe(expected);
  });
});

describe('hosts as the URL parser serializes them (punycode, IP literals)', () => {
  it.each([
    ['bücher.example', 'xn--bcher-kva.example'],
    ['WWW.Bücher.Example', 'www.xn--bcher-kva.example'],
    ['münchen.example', 'xn--mnchen-3ya.example'],
    ['日本語.example', 'xn--wgv71a119e.example'],
    ['[0:0:0:0:0:0:0:1]', '[::1]'],
    ['[2001:DB8::0:1]', '[2001:db8::1]'],
    ['[2001:db8:0:0:1:0:0:1]', '[2001:db8::1:0:0:1]'],
    ['[::ffff:192.0.2.1]', '[::ffff:c000:201]'],
    ['127.0.0.1', '127.0.0.1'],
    ['010.0.0.1', '8.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['1.2.3', '1.2.0.3'],
  ])('%s serializes as %s', (input, canonical) => {
    expect(serializeHost(input)).toBe(canonical);
  });

  it.each(['[1:2:3]', '[:::]', '[1::2::3]', '256.0.0.1', 'a b.example'])(
    '%s does not parse',
    (input) => {
      expect(serializeHost(input)).toBeUndefined();
    },
  );

  it.each([
    ['https://bücher.example', 'origin-unicode', 'https://xn--bcher-kva.example'],
    ['http://010.0.0.1:8080', 'origin-ip-noncanonical', 'http://8.0.0.1:8080'],
    ['http://[::FFFF:192.0.2.1]', 'origin-ip-noncanonical', 'http://[::ffff:c000:201]'],
  ])('the policy origin %s is refused (%s) with its canonical form', (input, code, canonical) => {
    const parsed = parseConfiguredOrigin(input, strict);
    expect(parsed).toMatchObject({ kind: 'problem', code, canonical });
  });
});

describe('regular expressions people write, as patterns', () => {
  it.each([
    [/^https:\/\/.*\.example\.com$/, ['https://*.example.com']],
    [/^https:\/\/([a-z0-9-]+\.)*example\.com$/, ['https://example.com', 'https://*.example.com']],
    [/example\.com$/, ['https://example.com', 'https://*.example.com']],
    [/^https?:\/\/localhost(:\d+)?$/, ['http://localhost:*', 'https://localhost:*']],
    [/^https:\/\/app\.example\.com$/, ['https://app.example.com']],
  ])('%s becomes %j', (expression, patterns) => {
    expect(suggestPatternsForRegExp(expression)).toStrictEqual(patterns);
  });

  it.each([/^https:\/\/(foo|bar)\.example\.com$/, /\d{3}/, /^https:\/\/[a-z]{2}\.example\.com$/])(
    '%s gets no suggestion rather than a wrong one',
    (expression) => {
      expect(suggestPatternsForRegExp(expression)).toStrictEqual([]);
    },
  );
});

/**
 * The shape checks of `isWellFormedOrigin`, byte by byte: a serialized origin is `scheme "://" host
 * [":" port]` (https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin),
 * the scheme as RFC 3986 §3.1 spells it (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`, lowercase
 * once serialized), the port a decimal number without leading zeros (https://url.spec.whatwg.org/#port-state).
 */
describe('request origins: the edges of each part', () => {
  it.each([
    ['a scheme of every character a scheme may hold', 'a0+-.9z://host'],
    ['a one-letter scheme', 'z://host'],
    ['a host of every character a host may hold', 'http://az09-_.example'],
    ['the highest port', 'http://host:65535'],
    ['a port of five digits', 'http://host:10000'],
    ['the longest origin worth parsing', `https://${'a'.repeat(MAX_ORIGIN_LENGTH - 8)}`],
  ])('%s is well-formed: %s', (_name, origin) => {
    expect(isWellFormedOrigin(origin)).toBe(true);
  });

  it.each([
    ['a scheme starting with a digit', '1ab://host'],
    ['a scheme starting with "+"', '+ab://host'],
    ['a scheme holding "!"', 'h!p://host'],
    ['a scheme holding "_"', 'h_p://host'],
    ['a scheme holding "~", past the letters', 'h~p://host'],
    ['a scheme holding "/"', 'h/p://host'],
    ['no scheme at all', '://host'],
    ['";" in place of ":"', 'http;//host'],
    ['";" in place of the first "/"', 'http:;/host'],
    ['";" in place of the second "/"', 'http:/;host'],
    ['an empty host', 'http://'],
    ['an empty host before a port', 'http://:8080'],
    ['an unclosed IPv6 literal', 'http://[::1'],
    ['a port after ";"', 'http://host;8080'],
    ['a port holding a letter', 'http://host:8a'],
    ['a port holding "/"', 'http://host:8/'],
    ['a port past the highest', 'http://host:65536'],
    ['one byte more than the longest origin', `https://${'a'.repeat(MAX_ORIGIN_LENGTH - 7)}`],
  ])('%s is malformed: %s', (_name, origin) => {
    expect(isWellFormedOrigin(origin)).toBe(false);
  });
});

describe('origin patterns: the edges of each part', () => {
  it.each([
    ['https://*.example.com', 'https://.a.example.com', false],
    ['https://*.example.com', 'https://a..b.example.com', false],
    ['https://*.example.com', 'https://a.b.example.com', true],
    ['https://*.example.com:8443', 'https://a.example.com:9443', false],
    ['https://*.example.com:8443', 'https://a.example.com:18443', false],
    ['http://localhost:*', 'http://localhost:65535', true],
    ['http://localhost:*', 'http://localhost:8a', false],
  ])('%s against %s: %s', (source, origin, expected) => {
    expect(pattern(source).matches(origin)).toBe(expected);
  });

  it('matches an origin of the longest length worth parsing, and none longer', () => {
    const subdomains = pattern('https://*.example.com');
    const label = (length: number): string => 'a'.repeat(length);
    const longest = `https://${label(MAX_ORIGIN_LENGTH - 'https://.example.com'.length)}.example.com`;
    expect(longest).toHaveLength(MAX_ORIGIN_LENGTH);
    expect(subdomains.matches(longest)).toBe(true);
    expect(subdomains.matches(`https://a${longest.slice('https://'.length)}`)).toBe(false);
  });
});
