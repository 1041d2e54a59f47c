import { describe, expect, it } from 'vitest';
import { isPublicSuffix } from './public-suffixes.ts';

describe('isPublicSuffix', () => {
  it('takes every single-label host for a public suffix (a top-level domain)', () => {
    expect(isPublicSuffix('com')).toBe(true);
    expect(isPublicSuffix('dev')).toBe(true);
  });

  // https://www.rfc-editor.org/rfc/rfc6761#section-6.3
  it('but localhost, which is private to the machine', () => {
    expect(isPublicSuffix('localhost')).toBe(false);
  });

  it('knows the multi-label suffixes users write by mistake, and nothing under them', () => {
    expect(isPublicSuffix('co.uk')).toBe(true);
    expect(isPublicSuffix('github.io')).toBe(true);
    expect(isPublicSuffix('example.co.uk')).toBe(false);
    expect(isPublicSuffix('example.com')).toBe(false);
  });
});
