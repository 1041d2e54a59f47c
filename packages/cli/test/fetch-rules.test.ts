import { describe, expect, it } from 'vitest';
import type { RequestHeader } from '../src/fetch-rules.ts';
import {
  accessControlRequestHeaders,
  corsUnsafeRequestHeaderNames,
  isCorsSafelistedMethod,
  isCorsSafelistedRequestHeader,
  isForbiddenMethod,
  isForbiddenRequestHeader,
  mimeTypeEssence,
  normalizeMethod,
  parseAllowList,
  parseSingleRange,
} from '../src/fetch-rules.ts';

const h = (name: string, value: string): RequestHeader => ({ name, value });

describe('method normalization (https://fetch.spec.whatwg.org/#concept-method-normalize)', () => {
  it.each([
    ['get', 'GET'],
    ['Post', 'POST'],
    ['put', 'PUT'],
    ['delete', 'DELETE'],
    ['options', 'OPTIONS'],
    ['head', 'HEAD'],
    ['patch', 'patch'],
    ['Patch', 'Patch'],
    ['PATCH', 'PATCH'],
    ['propfind', 'propfind'],
  ])('%s → %s', (given, normalized) => {
    expect(normalizeMethod(given)).toBe(normalized);
  });

  it('safelists GET, HEAD and POST byte for byte', () => {
    expect(['GET', 'HEAD', 'POST'].every(isCorsSafelistedMethod)).toBe(true);
    expect(isCorsSafelistedMethod('get')).toBe(false);
    expect(isCorsSafelistedMethod('PUT')).toBe(false);
  });

  it('forbids CONNECT, TRACE and TRACK in any case', () => {
    expect(['CONNECT', 'trace', 'Track'].every(isForbiddenMethod)).toBe(true);
    expect(isForbiddenMethod('PATCH')).toBe(false);
  });
});

describe('forbidden request-headers (https://fetch.spec.whatwg.org/#forbidden-request-header)', () => {
  it.each([
    'Cookie',
    'origin',
    'Host',
    'Accept-Charset',
    'Accept-Encoding',
    'Connection',
    'Content-Length',
    'Date',
    'DNT',
    'Expect',
    'Keep-Alive',
    'Referer',
    'TE',
    'Trailer',
    'Transfer-Encoding',
    'Upgrade',
    'Via',
    'Access-Control-Request-Method',
    'Access-Control-Request-Headers',
    'Access-Control-Request-Private-Network',
    'Sec-Fetch-Mode',
    'sec-anything',
    'Proxy-Authorization',
    'proxy-whatever',
  ])('%s is forbidden', (name) => {
    expect(isForbiddenRequestHeader(name, 'x')).toBe(true);
  });

  it('forbids method-override headers naming a forbidden method', () => {
    expect(isForbiddenRequestHeader('X-HTTP-Method-Override', 'GET, trace')).toBe(true);
    expect(isForbiddenRequestHeader('X-HTTP-Method-Override', 'PATCH')).toBe(false);
  });

  it.each(['Authorization', 'X-Debug', 'User-Agent', 'Content-Type'])('%s is not', (name) => {
    expect(isForbiddenRequestHeader(name, 'x')).toBe(false);
  });
});

describe('CORS-safelisted request-headers (https://fetch.spec.whatwg.org/#cors-safelisted-request-header)', () => {
  it.each([
    ['Accept', '*/*', true],
    ['Accept', 'application/json, text/plain', true],
    ['Accept', 'text/html; q="0.9"', false], // " is a CORS-unsafe request-header byte
    ['Accept', 'a{b}', false],
    ['Accept-Language', 'en-US,en;q=0.9', true],
    ['Accept-Language', 'en_US', false],
    ['Content-Language', 'de-DE', true],
    ['Content-Language', 'de/DE', false],
    ['Content-Type', 'text/plain', true],
    ['Content-Type', 'TEXT/PLAIN; charset=utf-8', true],
    ['Content-Type', 'application/x-www-form-urlencoded', true],
    ['Content-Type', 'multipart/form-data; boundary=abc', true],
    ['Content-Type', 'multipart/form-data; boundary="abc"', false],
    ['Content-Type', 'application/json', false],
    ['Content-Type', 'text/plain/x', false],
    ['Content-Type', 'text', false],
    ['Range', 'bytes=0-', true],
    ['Range', 'bytes=0-499', true],
    ['Range', 'bytes=-500', false],
    ['Range', 'bytes=500-100', false],
    ['Range', 'bytes=0-1,5-6', false],
    ['Range', 'bytes = 0-1', false],
    ['Range', 'Bytes=0-1', false],
    ['X-Debug', '1', false],
    ['Authorization', 'Bearer x', false],
  ])('%s: %s → %s', (name, value, safelisted) => {
    expect(isCorsSafelistedRequestHeader(name, value)).toBe(safelisted);
  });

  it('refuses any value over 128 bytes', () => {
    expect(isCorsSafelistedRequestHeader('Accept', 'a'.repeat(128))).toBe(true);
    expect(isCorsSafelistedRequestHeader('Accept', 'a'.repeat(129))).toBe(false);
    expect(isCorsSafelistedRequestHeader('Content-Type', `text/plain;x=${'a'.repeat(116)}`)).toBe(
      false,
    );
  });

  it('parses a single range', () => {
    expect(parseSingleRange('bytes=5-')).toEqual({ start: 5, end: null });
    expect(parseSingleRange('bytes=5-9')).toEqual({ start: 5, end: 9 });
    expect(parseSingleRange('bytes=-')).toBeNull();
  });

  it('extracts a MIME type essence', () => {
    expect(mimeTypeEssence(' Text/Plain ;charset=utf-8')).toBe('text/plain');
    expect(mimeTypeEssence('/plain')).toBeNull();
  });
});

describe('CORS-unsafe request-header names and Access-Control-Request-Headers', () => {
  it('lowercases, deduplicates and sorts, joined with a bare comma', () => {
    const headers = [
      h('X-Zeta', '1'),
      h('Content-Type', 'application/json'),
      h('x-alpha', '1'),
      h('X-ALPHA', '2'),
      h('Accept', '*/*'),
    ];
    expect(corsUnsafeRequestHeaderNames(headers)).toEqual(['content-type', 'x-alpha', 'x-zeta']);
    expect(accessControlRequestHeaders(headers)).toBe('content-type,x-alpha,x-zeta');
  });

  it('is null when every header is safelisted', () => {
    expect(
      accessControlRequestHeaders([h('Accept', '*/*'), h('Content-Type', 'text/plain')]),
    ).toBeNull();
  });

  it('makes every safelisted header unsafe once their values total over 1024 bytes', () => {
    const value = 'a'.repeat(128);
    const exactly1024 = Array.from({ length: 8 }, () => h('Accept', value));
    expect(accessControlRequestHeaders(exactly1024)).toBeNull();
    const over = [...exactly1024, h('Content-Language', 'en')];
    expect(accessControlRequestHeaders(over)).toBe('accept,content-language');
  });

  it('counts only safelisted values toward the 1024 bytes', () => {
    const headers = [
      ...Array.from({ length: 7 }, () => h('Accept', 'a'.repeat(128))),
      h('X-Big', 'b'.repeat(500)),
    ];
    expect(accessControlRequestHeaders(headers)).toBe('x-big');
  });
});

describe('Access-Control-Allow-Methods / -Headers lists', () => {
  it('splits on commas, trims spaces and tabs, and skips empty elements', () => {
    expect(parseAllowList('GET, PUT ,\tDELETE')).toEqual(['GET', 'PUT', 'DELETE']);
    expect(parseAllowList(' , x-a ,, ')).toEqual(['x-a']);
    expect(parseAllowList('')).toEqual([]);
  });

  it('is null when absent', () => {
    expect(parseAllowList(null)).toBeNull();
  });

  it('fails on an element that is not a token', () => {
    expect(parseAllowList('GET;PUT')).toEqual({ invalid: 'GET;PUT' });
    expect(parseAllowList('x-a x-b')).toEqual({ invalid: 'x-a x-b' });
    expect(parseAllowList('"PUT"')).toEqual({ invalid: '"PUT"' });
  });

  it('keeps the case of methods', () => {
    expect(parseAllowList('put, Patch')).toEqual(['put', 'Patch']);
  });
});
