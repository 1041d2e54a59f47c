import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vectors } from '@corsica/cors-testkit';
import { describe, expect, it } from 'vitest';
import { peers } from '../src/peers/index.ts';
import { patternToRegExp } from '../src/policy.ts';
import { TABLE_HEADER } from '../src/report.ts';
import { REPOSITORY_ROOT } from '../src/versions.ts';

/**
 * Keeps `pnpm conformance:peers` from rotting without starting a server: every mapper answers
 * every vector's policy, the subdomain-pattern RegExps are anchored and escaped, and the committed
 * CONFORMANCE.md has its table with Corsica passing everything.
 */

describe('mappers', () => {
  for (const peer of peers) {
    it(`${peer.id} maps every vector's policy to options or a skip with a reason`, () => {
      for (const vector of vectors) {
        const mapped = peer.map(vector.policy);
        if ('skip' in mapped) {
          expect(typeof mapped.skip, vector.id).toBe('string');
          expect(mapped.skip.trim(), vector.id).not.toBe('');
        } else {
          expect(mapped.options, vector.id).toBeTypeOf('object');
          expect(mapped.options, vector.id).not.toBeNull();
        }
      }
    });
  }

  it('Corsica, the reference row, never skips', () => {
    const corsica = peers.find((peer) => peer.id === 'corsica');
    expect(corsica).toBeDefined();
    for (const vector of vectors) expect('skip' in (corsica?.map(vector.policy) ?? {})).toBe(false);
  });
});

describe('patternToRegExp', () => {
  const pattern = patternToRegExp('https://*.example.com');

  it.each([
    'https://foo.example.com',
    'https://a.b.example.com',
    'https://xn--bcher-kva.example.com',
  ])('matches the subdomain %s', (origin) => {
    expect(pattern.test(origin)).toBe(true);
  });

  it.each([
    'https://example.com',
    'https://.example.com',
    'https://evil-example.com',
    'https://fooexample.com',
    'https://foo.example.com.evil.net',
    'https://foo.example.community',
    'https://foo.example.com:8443',
    'https://foo.example.com/',
    'https://evil.example.net#.example.com',
    'https://evil.example.net?.example.com',
    'https://foo.example.com@evil.example.net',
    'http://foo.example.com',
    'xhttps://foo.example.com',
    'null',
  ])('does not match %s', (origin) => {
    expect(pattern.test(origin)).toBe(false);
  });

  it('keeps an explicit port, and only that port', () => {
    const withPort = patternToRegExp('http://*.local.test:8080');
    expect(withPort.test('http://dev.local.test:8080')).toBe(true);
    expect(withPort.test('http://dev.local.test')).toBe(false);
    expect(withPort.test('http://dev.local.test:80801')).toBe(false);
  });
});

describe('CONFORMANCE.md', () => {
  const report = readFileSync(join(REPOSITORY_ROOT, 'CONFORMANCE.md'), 'utf8');
  const lines = report.split('\n');

  it('has the per-library table, one row per library, each accounting for every vector', () => {
    const header = lines.indexOf(TABLE_HEADER);
    expect(header, 'the table header').toBeGreaterThanOrEqual(0);
    expect(lines[header + 1]).toMatch(/^\|(?:\s*:?-+:?\s*\|){5}$/);
    const rows = lines.slice(header + 2, header + 2 + peers.length);
    for (const [i, peer] of peers.entries()) {
      const cells = (rows[i] ?? '').split('|').map((cell) => cell.trim());
      expect(cells[1], `row ${i + 1}`).toBe(peer.library);
      const [passed, failed, skipped] = cells.slice(3, 6).map(Number);
      expect((passed ?? NaN) + (failed ?? NaN) + (skipped ?? NaN), peer.id).toBe(vectors.length);
    }
  });

  it('says Corsica passes every vector', () => {
    const row = lines.find((line) => line.startsWith('| Corsica'));
    expect(row).toBeDefined();
    expect(
      row
        ?.split('|')
        .slice(3, 6)
        .map((cell) => cell.trim()),
    ).toEqual([String(vectors.length), '0', '0']);
    expect(report).toContain(`**${vectors.length} passed, 0 failed, 0 skipped**`);
    expect(vectors.length).toBe(128);
  });
});
