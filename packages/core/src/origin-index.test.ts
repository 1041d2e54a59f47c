import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactOriginIndex } from './origin-index.ts';

describe('the exact-origin index', () => {
  it('finds every key and nothing else, like a Map', () => {
    const keys = fc.uniqueArray(
      fc.oneof(
        fc.webUrl().map((url) => new URL(url).origin),
        fc.string({ maxLength: 30 }),
      ),
      {
        maxLength: 300,
      },
    );
    fc.assert(
      fc.property(
        keys,
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 20 }),
        (list, others) => {
          const map = new Map(list.map((key, i) => [key, i]));
          const index = new ExactOriginIndex(map);
          for (const [key, value] of map) expect(index.get(key)).toBe(value);
          for (const other of others) expect(index.get(other)).toBe(map.get(other));
        },
      ),
    );
  });

  it('handles 10,000 origins that differ only in their middle', () => {
    const origins = Array.from({ length: 10_000 }, (_, i) => `https://app${i}.example.com`);
    const index = new ExactOriginIndex(new Map(origins.map((origin, i) => [origin, i])));
    origins.forEach((origin, i) => {
      expect(index.get(origin)).toBe(i);
    });
    expect(index.get('https://app10000.example.com')).toBeUndefined();
    expect(index.get('https://app1.example.co')).toBeUndefined();
    expect(index.get('https://app1.example.cöm')).toBeUndefined();
  });

  it('is empty when built empty', () => {
    expect(new ExactOriginIndex(new Map()).get('https://a.example')).toBeUndefined();
  });
});
