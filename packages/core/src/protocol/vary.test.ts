import { describe, expect, it } from 'vitest';
import { appendVary } from '../index.ts';

const ORIGIN = ['Origin'];
const PREFLIGHT = ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'];

describe('appending to Vary', () => {
  it.each([
    ['nothing set', undefined, ORIGIN, 'Origin'],
    ['an empty value', '', ORIGIN, 'Origin'],
    ["the app's Accept-Encoding", 'Accept-Encoding', ORIGIN, 'Accept-Encoding, Origin'],
    [
      'several field lines',
      ['Accept-Encoding', 'Cookie'],
      ORIGIN,
      'Accept-Encoding, Cookie, Origin',
    ],
    ['Origin already there, other case', 'accept, origin', ORIGIN, undefined],
    ["'*', which covers everything", '*', ORIGIN, undefined],
    ["'*' among others", 'Accept, *', PREFLIGHT, undefined],
    [
      'part of the preflight tokens',
      'Origin',
      PREFLIGHT,
      'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    ],
    ['no tokens to add', 'Accept', [], undefined],
    ['no field lines', [], ORIGIN, 'Origin'],
    ['one empty field line', [''], ORIGIN, 'Origin'],
    ['blank space', ' , ', ORIGIN, 'Origin'],
    ['null, as a header lookup answers for a missing header', null, ORIGIN, 'Origin'],
    [
      'nothing set, several tokens',
      undefined,
      PREFLIGHT,
      'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    ],
    ['nothing set, no tokens', undefined, [], undefined],
    ['a number some frameworks store', 3, ORIGIN, '3, Origin'],
  ])('to %s', (_name, existing, tokens, expected) => {
    expect(appendVary(existing, tokens)).toBe(expected);
  });
});
