import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../test-support/runs.ts';
import { StringIndex } from './string-index.ts';

describe('the string index', () => {
  it('finds every key and nothing else, like a Map', () => {
    const keys = fc.uniqueArray(
      fc.oneof(
        fc.webUrl().map((url) => new URL(url).origin),
        fc.string({ maxLength: 30 }),
      ),
      {
        maxLength: 120,
      },
    );
    fc.assert(
      fc.property(
        keys,
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 20 }),
        (list, others) => {
          const map = new Map(list.map((key, i) => [key, i]));
          const index = new StringIndex(map);
          for (const [key, value] of map) expect(index.get(key)).toBe(value);
          for (const other of others) expect(index.get(other)).toBe(map.get(other));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('handles 10,000 origins that differ only in their middle', () => {
    const origins = Array.from({ length: 10_000 }, (_, i) => `https://app${i}.example.com`);
    const index = new StringIndex(new Map(origins.map((origin, i) => [origin, i])));
    origins.forEach((origin, i) => {
      expect(index.get(origin)).toBe(i);
    });
    expect(index.get('https://app10000.example.com')).toBeUndefined();
    expect(index.get('https://app1.example.co')).toBeUndefined();
    expect(index.get('https://app1.example.cöm')).toBeUndefined();
  });

  it('looks keys up as slices of longer strings', () => {
    const index = new StringIndex(
      new Map([
        ['content-type', 1],
        ['x-request-id', 2],
      ]),
    );
    const line = 'content-type,x-request-id,x-other';
    expect(index.getSlice(line, 0, 12)).toBe(1);
    expect(index.getSlice(line, 13, 25)).toBe(2);
    expect(index.getSlice(line, 26, 33)).toBeUndefined();
    expect(index.getSlice(line, 1, 13)).toBeUndefined();
  });

  it('agrees with a Map for keys of one length, any UTF-16 code units, and lookups of that length', () => {
    // Keys of one length force the tree to branch on characters; lookups of the same length walk it.
    const text = (length: number) =>
      fc.string({ unit: 'binary', minLength: length, maxLength: length });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((length) =>
            fc.tuple(
              fc.uniqueArray(text(length), { minLength: 1, maxLength: 60 }),
              fc.array(text(length), { maxLength: 20 }),
            ),
          ),
        ([list, others]) => {
          const map = new Map(list.map((key, i) => [key, i]));
          const index = new StringIndex(map);
          for (const [key, value] of map) expect(index.get(key)).toBe(value);
          for (const other of others) expect(index.get(other)).toBe(map.get(other));
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('finds keys that differ only in a character outside ASCII', () => {
    const keys = ['a', 'b', 'c', 'd', 'é', 'ü'];
    const index = new StringIndex(new Map(keys.map((key, i) => [key, i])));
    expect(keys.map((key) => index.get(key))).toStrictEqual([0, 1, 2, 3, 4, 5]);
    expect(index.get('ö')).toBeUndefined();
  });

  // Found by the property above: more keys than a leaf holds, differing only outside ASCII, all
  // fell into the one non-ASCII child and the build recursed until the stack overflowed.
  it('builds and finds more keys than a leaf holds that differ only outside ASCII', () => {
    const keys = ['xé', 'xü', 'xö', 'xä', 'xß', 'x€'];
    const index = new StringIndex(new Map(keys.map((key, i) => [key, i])));
    expect(keys.map((key) => index.get(key))).toStrictEqual([0, 1, 2, 3, 4, 5]);
    expect([index.get('xa'), index.get('x£')]).toStrictEqual([undefined, undefined]);
  });

  // Every code unit from U+0080 up shares one child: positions are scored by those children, so the
  // first two non-ASCII code units are no split either (else the build would recurse on them).
  it('builds and finds keys that differ only in U+0080 and U+0081', () => {
    const keys = [
      '\u0080\u0080\u0080',
      '\u0080\u0080\u0081',
      '\u0080\u0081\u0080',
      '\u0081\u0080\u0080',
      '\u0081\u0081\u0081',
    ];
    const index = new StringIndex(new Map(keys.map((key, i) => [key, i])));
    expect(keys.map((key) => index.get(key))).toStrictEqual([0, 1, 2, 3, 4]);
    expect(index.get('\u0081\u0081\u0080')).toBeUndefined();
  });

  it('finds nothing where no key has the character a lookup has', () => {
    const origins = ['1', '2', '3', '4', '5'].map((n) => `https://a${n}.example`);
    const index = new StringIndex(new Map(origins.map((origin, i) => [origin, i])));
    expect(index.get('https://a9.example')).toBeUndefined();
    expect(index.getSlice('<https://a9.example>', 1, 19)).toBeUndefined();
    expect(index.getSlice('<https://a3.example>', 1, 19)).toBe(2);
  });

  it('is empty when built empty', () => {
    expect(new StringIndex(new Map()).get('https://a.example')).toBeUndefined();
  });
});
