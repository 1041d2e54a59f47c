import { describe, expect, it } from 'vitest';
import { pathAndQueryOf, targetResolvesTo } from '../index.ts';

describe('pathAndQueryOf: the path and query of an absolute URL, as written', () => {
  it.each([
    ['http://localhost/docs?page=2', '/docs?page=2'],
    ['http://localhost/', '/'],
    ['https://api.example.com:8443/a/%2Fb?q=%61', '/a/%2Fb?q=%61'],
    ['http://[::1]:3000/items', '/items'],
  ])('%s → %s', (url, path) => {
    expect(pathAndQueryOf(url)).toBe(path);
  });

  it.each([
    // Deno hands a request.url like this on as it came; no URL parser accepts it.
    ['http://[/docs'],
    ['/docs'],
    ['not a url'],
    // Parsed, but not as written: no runtime hands such a URL on, and its path is not the one sent.
    ['HTTP://LOCALHOST/docs'],
    ['http://localhost/a/%2e%2E/b'],
  ])('%s → undefined', (url) => {
    expect(pathAndQueryOf(url)).toBeUndefined();
  });
});

describe('targetResolvesTo: whether a target as sent leads to the URL a server made of it', () => {
  it.each([
    ['/x/../docs', 'http://localhost/docs', true],
    ['/api/%2e%2e/docs', 'http://localhost/docs', true],
    ['/docs', 'http://localhost/docs', true],
    ['http://localhost/docs', 'http://localhost/docs', true],
    ['/other', 'http://localhost/docs', false],
    ['//[{', 'http://localhost/docs', false],
    ['/docs', 'not a url', false],
  ])('%s to %s: %s', (target, url, resolves) => {
    expect(targetResolvesTo(target, url)).toBe(resolves);
  });
});
