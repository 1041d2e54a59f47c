import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../test-support/runs.ts';
import type { RequestHeaderRules } from './request-headers.ts';
import {
  acrhScanStats,
  compileRequestHeaderRules,
  MAX_EMPTY_ELEMENTS,
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
