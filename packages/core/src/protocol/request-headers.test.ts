import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../test-support/runs.ts';
import type { RequestHeaderRules } from './request-headers.ts';
import {
  acrhScanStats,
  compileRequestHeaderRules,
  MAX_EMPTY_ELEMENTS,
  OWS_BUDGET,
  scanRequestHeaders,
  WILDCARD_MAX_NAME_LENGTH,
  WILDCARD_MAX_NAMES,
} from './request-headers.ts';

const listed = compileRequestHeaderRules(
  new Set(['content-type', 'x-custom-header', 'x-requested-with']),
  false,
);
const wildcard = compileRequestHeaderRules(new Set(), true);
const wildcardWithAuthorization = compileRequestHeaderRules(new Set(['authorization']), true);

describe('Access-Control-Request-Headers against a list', () => {
  it.each([
    ['content-type', 'content-type'],
    ['content-type,x-custom-header', 'content-type,x-custom-header'],
    ['', ''],
    ['Content-Type', 'content-type'],
    ['content-type, x-custom-header', 'content-type,x-custom-header'],
    ['content-type ,   x-custom-header', 'content-type,x-custom-header'],
    ['\tcontent-type\t', 'content-type'],
    ['content-type,,x-custom-header', 'content-type,x-custom-header'],
    [',x-custom-header,', 'x-custom-header'],
    [',,,', ''],
    ['x-custom-header,x-custom-header', 'x-custom-header,x-custom-header'],
  ])('%j is allowed, answered with %j', (value, echo) => {
    expect(scanRequestHeaders(value, listed)).toBe(echo);
  });

  it('echoes a browser-shaped value itself, without rebuilding it', () => {
    const value = ['content-type', 'x-custom-header'].join(',');
    expect(scanRequestHeaders(value, listed)).toBe(value);
  });

  it('treats several field lines as one list', () => {
    expect(scanRequestHeaders(['content-type', 'x-custom-header'], listed)).toBe(
      'content-type,x-custom-header',
    );
    expect(scanRequestHeaders(['', 'content-type', ''], listed)).toBe('content-type');
  });

  it.each([
    ['x-other', { reason: 'header-not-allowed', value: 'x-other' }],
    ['content-type,X-Other', { reason: 'header-not-allowed', value: 'X-Other' }],
    ['authorization', { reason: 'header-not-allowed', value: 'authorization' }],
    ['x custom', { reason: 'header-malformed', value: 'x custom' }],
    ['x-custom-header;x', { reason: 'header-malformed', value: 'x-custom-header;x' }],
    ['content-type,x(', { reason: 'header-malformed', value: 'x(' }],
    ['content-typé', { reason: 'header-malformed', value: 'content-typé' }],
    [
      'x-custom-header-but-longer-than-any-allowed-name',
      { reason: 'header-not-allowed', value: 'x-custom-header-but-longer-than-any-allowed-name' },
    ],
  ])('%j is denied', (value, failure) => {
    expect(scanRequestHeaders(value, listed)).toStrictEqual(failure);
  });

  it(`tolerates ${MAX_EMPTY_ELEMENTS} empty elements and refuses more`, () => {
    expect(scanRequestHeaders(`${','.repeat(MAX_EMPTY_ELEMENTS)}content-type`, listed)).toBe(
      'content-type',
    );
    expect(
      scanRequestHeaders(`${','.repeat(MAX_EMPTY_ELEMENTS + 1)}content-type`, listed),
    ).toMatchObject({
      reason: 'headers-over-limit',
    });
  });

  it('tolerates 16 empty field lines, the floor jub0bs/cors and rs/cors document', () => {
    expect(scanRequestHeaders([...Array(16).fill(''), 'content-type'], listed)).toBe(
      'content-type',
    );
  });
});

describe("Access-Control-Request-Headers against '*'", () => {
  it('allows any valid name but authorization', () => {
    expect(scanRequestHeaders('x-a,x-b', wildcard)).toBe('x-a,x-b');
    expect(scanRequestHeaders('x-a,authorization', wildcard)).toStrictEqual({
      reason: 'header-not-allowed',
      value: 'authorization',
    });
    expect(scanRequestHeaders('Authorization', wildcard)).toStrictEqual({
      reason: 'header-not-allowed',
      value: 'Authorization',
    });
  });

  it('allows authorization when listed next to the wildcard', () => {
    expect(scanRequestHeaders('authorization,x-a', wildcardWithAuthorization)).toBe(
      'authorization,x-a',
    );
  });

  it(`allows ${WILDCARD_MAX_NAMES} names of ${WILDCARD_MAX_NAME_LENGTH} bytes and no more`, () => {
    const name = (i: number): string =>
      `x-${String(i).padStart(WILDCARD_MAX_NAME_LENGTH - 2, '0')}`;
    const most = Array.from({ length: WILDCARD_MAX_NAMES }, (_, i) => name(i)).join(',');
    expect(scanRequestHeaders(most, wildcard)).toBe(most);
    expect(scanRequestHeaders(`${most},x-one-more`, wildcard)).toMatchObject({
      reason: 'headers-over-limit',
    });
    expect(scanRequestHeaders(`${name(1)}9`, wildcard)).toMatchObject({
      reason: 'header-not-allowed',
    });
  });

  it('never echoes an invalid list (the 200 KB hostile value of pf-acrh-huge-star-creds)', () => {
    expect(scanRequestHeaders('x-a(,'.repeat(40000), wildcard)).toMatchObject({
      reason: 'headers-over-limit',
    });
    expect(scanRequestHeaders('x-a(,'.repeat(10), wildcard)).toStrictEqual({
      reason: 'header-malformed',
      value: 'x-a(',
    });
  });
});

describe('the scan is bounded', () => {
  function assertBounded(value: string | readonly string[], rules: RequestHeaderRules): void {
    scanRequestHeaders(value, rules);
    expect(acrhScanStats.bytes).toBeLessThanOrEqual(rules.maxTotalLength);
    expect(acrhScanStats.elements).toBeLessThanOrEqual(rules.maxNames + MAX_EMPTY_ELEMENTS + 1);
  }

  it.each([
    ['100 KB of one name', 'x-'.padEnd(100 * 1024, 'a')],
    ['100 KB of commas', ','.repeat(100 * 1024)],
    ['100 KB of spaces', ' '.repeat(100 * 1024)],
    ['100 KB of allowed names', 'content-type,'.repeat(8000)],
    ['100 KB of invalid bytes', '('.repeat(100 * 1024)],
  ])('%s is refused before a byte is read', (_name, value) => {
    const result = scanRequestHeaders(value, listed);
    expect(result).toMatchObject({ reason: 'headers-over-limit' });
    expect(acrhScanStats.bytes).toBe(0);
    expect(acrhScanStats.elements).toBe(0);
  });

  it('stops at the first name a list does not allow', () => {
    scanRequestHeaders(
      `x-unknown,${'content-type,'.repeat(30)}`.slice(0, listed.maxTotalLength),
      listed,
    );
    expect(acrhScanStats.elements).toBe(1);
    expect(acrhScanStats.bytes).toBe('x-unknown'.length);
  });

  it('stops reading a name once it is longer than any allowed name', () => {
    scanRequestHeaders('x'.repeat(300), listed);
    expect(acrhScanStats.bytes).toBeLessThanOrEqual('x-requested-with'.length + 1 + 256);
  });

  it('holds for any input up to 100 KB, under a list or the wildcard', () => {
    const element = fc.oneof(
      fc.constantFrom(
        'content-type',
        'x-custom-header',
        'X-Requested-With',
        'authorization',
        '',
        ' ',
        '\t',
        'x a',
        '(',
        'é',
      ),
      fc.string({ maxLength: 40 }),
    );
    const value = fc.oneof(
      fc.array(element, { maxLength: 300 }).map((parts) => parts.join(',')),
      fc
        .tuple(fc.constantFrom(',', ' ', 'a', 'x-a,'), fc.integer({ min: 0, max: 100 * 1024 }))
        .map(([unit, bytes]) => unit.repeat(Math.ceil(bytes / unit.length))),
    );
    fc.assert(
      fc.property(
        fc.oneof(value, fc.array(value, { maxLength: 40 })),
        fc.boolean(),
        (input, useWildcard) => {
          assertBounded(input, useWildcard ? wildcard : listed);
        },
      ),
      { numRuns: runs(500) },
    );
  });
});

describe('the element bound of a listed policy', () => {
  // Mutation survivor (issue 12): the allowance for repeated names was off by one, unnoticed.
  it('tolerates as many names as are allowed plus 16 repeats, and refuses one more', () => {
    const two = compileRequestHeaderRules(new Set(['content-type', 'x-custom']), false);
    const names = (count: number): string => Array(count).fill('x-custom').join(',');
    expect(two.maxNames).toBe(18);
    expect(scanRequestHeaders(names(18), two)).toBe(names(18));
    expect(scanRequestHeaders(names(19), two)).toStrictEqual({
      reason: 'headers-over-limit',
      value: names(19),
    });
    // The same counts over several field lines.
    expect(scanRequestHeaders(Array(18).fill('x-custom'), two)).toBe(names(18));
    expect(scanRequestHeaders(Array(19).fill('x-custom'), two)).toStrictEqual({
      reason: 'headers-over-limit',
      value: 'x-custom', // the field line where the count went over
    });
  });
});

describe('the total length a listed policy scans', () => {
  // Two names: 18 elements (two plus 16 repeats) of at most 12 bytes, each with its comma and 4
  // bytes of OWS either side, plus 32 empty elements of the same budget: 18 * 21 + 32 * 9.
  // Compiled in each test, so that a mutation of the compiler is active where it runs.
  const compile = () => compileRequestHeaderRules(new Set(['content-type', 'x-custom']), false);

  it('is sized from the longest name, the element count and the OWS budget', () => {
    const two = compile();
    expect(two.maxNameLength).toBe(12);
    expect(two.maxTotalLength).toBe(18 * (12 + 1 + 2 * OWS_BUDGET) + MAX_EMPTY_ELEMENTS * 9);
    expect(two.maxTotalLength).toBe(666);
  });

  it('scans a value of exactly that length and refuses one byte more', () => {
    const two = compile();
    expect(scanRequestHeaders('content-type'.padEnd(666), two)).toBe('content-type');
    const over = 'content-type'.padEnd(667);
    expect(scanRequestHeaders(over, two)).toStrictEqual({
      reason: 'headers-over-limit',
      value: over,
    });
  });

  it('counts field lines as joined with ", "', () => {
    const two = compile();
    // Three lines: 300 + 300 + 62 bytes and two separators of 2 bytes make 666.
    const lines = (last: number): string[] => [
      'content-type'.padEnd(300),
      'x-custom'.padEnd(300),
      'x-custom'.padEnd(last),
    ];
    expect(scanRequestHeaders(lines(62), two)).toBe('content-type,x-custom,x-custom');
    expect(scanRequestHeaders(lines(63), two)).toStrictEqual({
      reason: 'headers-over-limit',
      value: lines(63).join(', '),
    });
  });

  it('scans as many field lines as there may be elements, and refuses one more unread', () => {
    const two = compile();
    // 18 names and 32 empty elements, one per line: 50 lines.
    const most = [...Array<string>(18).fill('x-custom'), ...Array<string>(32).fill('')];
    expect(scanRequestHeaders(most, two)).toBe(Array(18).fill('x-custom').join(','));
    const more = [...most, ''];
    expect(scanRequestHeaders(more, two)).toStrictEqual({
      reason: 'headers-over-limit',
      value: more.join(', '),
    });
    expect(acrhScanStats.elements).toBe(0);
  });
});

describe('names in other cases', () => {
  const rules = () => compileRequestHeaderRules(new Set(['x-z', 'x-a']), false);

  it.each([
    ['x-Z', 'x-z'],
    ['X-Z', 'x-z'],
    ['X-A,x-z', 'x-a,x-z'],
  ])('%j is allowed, answered with %j', (value, echo) => {
    expect(scanRequestHeaders(value, rules())).toBe(echo);
  });
});

describe("authorization under '*'", () => {
  it('is refused in any case, wherever it stands in the list', () => {
    expect(scanRequestHeaders('x-a,Authorization', wildcard)).toStrictEqual({
      reason: 'header-not-allowed',
      value: 'Authorization',
    });
    expect(scanRequestHeaders(['x-a', 'AUTHORIZATION'], wildcard)).toStrictEqual({
      reason: 'header-not-allowed',
      value: 'AUTHORIZATION',
    });
  });

  it('is the only name of its length the wildcard refuses', () => {
    expect('x-thirteen-ch').toHaveLength('authorization'.length);
    expect(scanRequestHeaders('x-thirteen-ch,X-Thirteen-Ch', wildcard)).toBe(
      'x-thirteen-ch,x-thirteen-ch',
    );
  });
});

describe('what a failure reports and what the scan counts', () => {
  it('reports the offending element without its OWS', () => {
    expect(scanRequestHeaders('content-type, x-a( ,x-custom-header', listed)).toStrictEqual({
      reason: 'header-malformed',
      value: 'x-a(',
    });
  });

  it('counts the bytes up to the bad one, and the element it reports', () => {
    // "content-type,x(": 15 bytes read up to and including "(", then "x(" (2 bytes) reported.
    expect(scanRequestHeaders('content-type,x(', listed)).toStrictEqual({
      reason: 'header-malformed',
      value: 'x(',
    });
    expect(acrhScanStats.bytes).toBe(15 + 2);
    // "x a": 3 bytes read up to and including "a" after the OWS, then "x a" (3 bytes) reported.
    expect(scanRequestHeaders('x a', listed)).toStrictEqual({
      reason: 'header-malformed',
      value: 'x a',
    });
    expect(acrhScanStats.bytes).toBe(3 + 3);
  });
});
