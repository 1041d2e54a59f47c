import { describe, expect, it } from 'vitest';
import { suggestPatternsForRegExp } from './regexp-hint.ts';

/** The patterns the `origin-regexp` message offers in place of a regular expression. */

describe('suggestPatternsForRegExp', () => {
  it('turns an anchored exact origin into that origin, with or without the end anchor', () => {
    expect(suggestPatternsForRegExp(/^https:\/\/app\.example\.com$/)).toStrictEqual([
      'https://app.example.com',
    ]);
    expect(suggestPatternsForRegExp(/^https:\/\/app\.example\.com/)).toStrictEqual([
      'https://app.example.com',
    ]);
  });

  it('reads escaped hyphens as hyphens', () => {
    // biome-ignore lint/complexity/noUselessEscapeInRegex: the escape people write is what is read
    expect(suggestPatternsForRegExp(/^https:\/\/my\-app\.example\.com$/)).toStrictEqual([
      'https://my-app.example.com',
    ]);
  });

  it('reads a host without a scheme as https', () => {
    expect(suggestPatternsForRegExp(/^app\.example\.com$/)).toStrictEqual([
      'https://app.example.com',
    ]);
  });

  it('reads an unanchored host as the host and its subdomains', () => {
    expect(suggestPatternsForRegExp(/example\.com$/)).toStrictEqual([
      'https://example.com',
      'https://*.example.com',
    ]);
  });

  it('keeps the subdomains an unanchored expression already says', () => {
    expect(suggestPatternsForRegExp(/(?:[a-z0-9-]+\.)+example\.com$/)).toStrictEqual([
      'https://*.example.com',
    ]);
    expect(suggestPatternsForRegExp(/(?:[a-z0-9-]+\.)?example\.com$/)).toStrictEqual([
      'https://example.com',
      'https://*.example.com',
    ]);
  });

  it('turns optional ports and schemes into one pattern per scheme', () => {
    expect(suggestPatternsForRegExp(/^https?:\/\/localhost(:\d+)?$/)).toStrictEqual([
      'http://localhost:*',
      'https://localhost:*',
    ]);
  });

  it('suggests nothing for an expression with operators left, even one that reads as a pattern', () => {
    // `localhost:*` is "localhost" then any number of colons, not any port.
    expect(suggestPatternsForRegExp(/^http:\/\/localhost:*$/)).toStrictEqual([]);
    // An escaped `$` is a literal dollar sign, not the end anchor.
    expect(suggestPatternsForRegExp(/^https:\/\/app\.example\.com\$/)).toStrictEqual([]);
  });

  it('suggests nothing a policy would refuse', () => {
    expect(suggestPatternsForRegExp(/^https:\/\/app\.example\.com\/$/)).toStrictEqual([]);
    expect(suggestPatternsForRegExp(/^file:\/\/$/)).toStrictEqual([]);
  });
});
