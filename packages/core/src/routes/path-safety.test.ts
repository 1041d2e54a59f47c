import { describe, expect, it } from 'vitest';
import { isUnsafePath } from './path-safety.ts';

/**
 * `isUnsafePath` flags the targets a router may resolve to another path than their literal text
 * (the flask-cors CVE-2024-6844 class: a policy matched on the raw text, a handler reached through
 * the decoded one). Percent-encoding is RFC 3986 §2.1 (`%` and two hex digits, either case); the
 * characters routers decode back to plain text are the unreserved ones of §2.3 plus `/` and `\`.
 */
const unsafe = (path: string): boolean => isUnsafePath(path, path.length);

describe('isUnsafePath: percent-encoded characters', () => {
  it.each([
    ['/%30', '0, the first digit'],
    ['/%39', '9, the last digit'],
    ['/%41', 'A'],
    ['/%5A', 'Z'],
    ['/%5a', 'Z, lowercase hex'],
    ['/%61', 'a'],
    ['/%7a', 'z, lowercase hex'],
    ['/%7A', 'z'],
    ['/%2d', '-'],
    ['/%2e', '.'],
    ['/%5f', '_'],
    ['/%7E', '~'],
    ['/%2f', '/'],
    ['/%5C', '\\'],
  ])('flags %s, an encoded %s that routers decode before matching', (path) => {
    expect(unsafe(path)).toBe(true);
  });

  it.each([
    ['/%20', 'a space: reserved, routers match it encoded'],
    ['/%2a', '*: a sub-delimiter, not unreserved'],
    ['/%40', '@, just below A'],
    ['/%5B', '[, just above Z'],
    ['/%60', '`, just below a'],
    ['/%7B', '{, just above z'],
    ['/%2c', ',, just below -'],
    ['/%5e', '^, just below _'],
    ['/%3A', ':, just above 9'],
  ])('leaves %s alone (%s)', (path) => {
    expect(unsafe(path)).toBe(false);
  });

  it.each([
    ['/%3g', "'g' is no hex digit (read as -1, 3·16−1 would be '/')"],
    ['/%5g', "'g' is no hex digit (read as +1, 5·16+1 would be 'Q')"],
    ['/%2g', "'g' is no hex digit (read as 16, 2·16+16 would be '0')"],
    ['/%g5', "'g' is no hex digit, in the high place"],
    ['/%6G', "'G' is no hex digit either"],
    ['/%3@', "'@' is no hex digit, though '@' | 0x20 is '`', just below 'a'"],
    ['/%3`', "'`' is no hex digit: the letters start at 'a'"],
    ['/%3', 'a % with one digit'],
    ['/a%', 'a % at the end'],
  ])('reads %s as no escape at all: %s', (path) => {
    expect(unsafe(path)).toBe(false);
  });
});

describe('isUnsafePath: dot segments and empty segments', () => {
  it.each(['/.', '/..', '/./x', '/../x', '/a/.', '/a/..', '/a/./b', '/a/../b', '.', '..', '../a'])(
    'flags the dot segment in %s (RFC 3986 §5.2.4 removes it)',
    (path) => {
      expect(unsafe(path)).toBe(true);
    },
  );

  it.each(['/a.', '/a./b', '/a..', '/a../b', '/.a', '/..a/b', '/a/b.c', '/...', '/.../x'])(
    'leaves %s alone: its dots are part of a segment',
    (path) => {
      expect(unsafe(path)).toBe(false);
    },
  );

  it.each(['//', '//a', '/a//b', '/a//', '/a\\b', '\\'])(
    'flags %s (an empty segment or a backslash)',
    (path) => {
      expect(unsafe(path)).toBe(true);
    },
  );
});

describe('isUnsafePath: the path ends at `end` (where the query or fragment starts)', () => {
  it.each([
    ['/a//b', 3, '/a/'],
    ['/a\\b', 2, '/a'],
    ['/a%2F', 4, '/a%2'],
    ['/a%2F', 3, '/a%'],
    ['/a/..', 3, '/a/'],
  ])('judges %s up to %i as %s: safe', (path, end, judged) => {
    expect(path.slice(0, end)).toBe(judged);
    expect(isUnsafePath(path, end)).toBe(false);
  });

  it.each([
    ['/a/..', 4, '/a/.'],
    ['/a/..x', 5, '/a/..'],
    ['/a/.x', 4, '/a/.'],
  ])('judges %s up to %i as %s: a dot segment', (path, end, judged) => {
    expect(path.slice(0, end)).toBe(judged);
    expect(isUnsafePath(path, end)).toBe(true);
  });
});
