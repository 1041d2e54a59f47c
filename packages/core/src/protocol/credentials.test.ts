import { describe, expect, it } from 'vitest';
import { parseConfiguredOrigin } from '../config/origins.ts';
import type { NormalizedCredentials } from '../config/validate.ts';
import { CredentialTier } from './credentials.ts';

const strict = { nullOrigin: false, fileOrigins: false };

function list(...sources: string[]): NormalizedCredentials {
  return {
    kind: 'list',
    entries: sources.map((source) => {
      const entry = parseConfiguredOrigin(source, strict);
      if (entry.kind === 'problem') throw new Error(`${source}: ${entry.code}`);
      return entry;
    }),
    at: sources.map((_, i) => `credentials[${i}]`),
  };
}

/**
 * Which allowed origins get `Access-Control-Allow-Credentials: true`
 * (https://fetch.spec.whatwg.org/#http-access-control-allow-credentials).
 */
describe('the credentialed tier', () => {
  // Well-formed origins, some spelled like what a missing field turns into in a template string.
  const origins = [
    'https://app.example.com',
    'https://a.example.org',
    'undefined://undefined',
    'undefined://undefinedundefined',
    'null://null',
  ];

  it('covers no origin without credentials', () => {
    const none = new CredentialTier({ kind: 'none' });
    expect(origins.map((origin) => none.covers(origin))).toStrictEqual(origins.map(() => false));
  });

  it('covers every origin with credentials: true', () => {
    const all = new CredentialTier({ kind: 'all' });
    expect(origins.map((origin) => all.covers(origin))).toStrictEqual(origins.map(() => true));
  });

  it('covers the listed origins and the origins of listed patterns, nothing else', () => {
    const tier = new CredentialTier(list('https://app.example.com', 'https://*.example.org'));
    expect(origins.map((origin) => [origin, tier.covers(origin)])).toStrictEqual([
      ['https://app.example.com', true],
      ['https://a.example.org', true],
      ['undefined://undefined', false],
      ['undefined://undefinedundefined', false],
      ['null://null', false],
    ]);
    expect(tier.covers('https://example.org')).toBe(false);
    expect(tier.covers('https://app.example.co')).toBe(false);
  });
});
