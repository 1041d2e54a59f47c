import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

  it('is empty when built empty', () => {
    expect(new StringIndex(new Map()).get('https://a.example')).toBeUndefined();
  });
});
