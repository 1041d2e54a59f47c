import { describe, expect, it } from 'vitest';
import type { RequestSpec } from './rules.ts';
import { effectiveHeaders, forecastPreflight, normalizeMethod, parseHeaderLines } from './rules.ts';

const request = (change: Partial<RequestSpec>): RequestSpec => ({
  method: 'GET',
  headers: [],
  body: 'none',
  credentials: 'omit',
  ...change,
});

describe('forecastPreflight', () => {
  it.each<[string, Partial<RequestSpec>, string | undefined]>([
    ['a GET without headers', {}, undefined],
    ['a HEAD', { method: 'HEAD' }, undefined],
    ['a text/plain POST', { method: 'POST', body: 'text' }, undefined],
    ['a form POST', { method: 'POST', body: 'form' }, undefined],
    ['a multipart POST', { method: 'POST', body: 'multipart' }, undefined],
    ['a GET with cookies (credentials do not preflight)', { credentials: 'include' }, undefined],
    ['a GET with Accept-Language: en-US', { headers: [['Accept-Language', 'en-US']] }, undefined],
    ['a GET with Range: bytes=0-99', { headers: [['Range', 'bytes=0-99']] }, undefined],
    ['a GET with Cookie set by script (dropped)', { headers: [['Cookie', 'a=b']] }, undefined],
  ])('%s goes out without a preflight', (_name, change, headers) => {
    expect(forecastPreflight(request(change))).toEqual({
      needed: false,
      reasons: [],
      method: normalizeMethod(change.method ?? 'GET'),
      headers,
    });
  });

  it.each<[string, Partial<RequestSpec>, string, string | undefined, string[]]>([
    [
      'a JSON POST',
      { method: 'POST', body: 'json' },
      'POST',
      'content-type',
      ['Content-Type: application/json is not form data, multipart or text/plain'],
    ],
    ['a PUT', { method: 'put' }, 'PUT', undefined, ['PUT is not GET, HEAD or POST']],
    [
      'a lowercase patch (never uppercased by fetch)',
      { method: 'patch' },
      'patch',
      undefined,
      ['patch is not GET, HEAD or POST'],
    ],
    [
      'a GET with Authorization and X-Debug',
      {
        headers: [
          ['X-Debug', '1'],
          ['Authorization', 'Bearer t'],
        ],
      },
      'GET',
      'authorization,x-debug',
      [
        'X-Debug: it is not one of the safelisted headers',
        'Authorization: it is not one of the safelisted headers',
      ],
    ],
    [
      'a GET with an Accept value over 128 bytes',
      { headers: [['Accept', 'a'.repeat(129)]] },
      'GET',
      'accept',
      ['Accept: its value is longer than 128 bytes'],
    ],
    [
      'a GET with a suffix Range',
      { headers: [['Range', 'bytes=-5']] },
      'GET',
      'range',
      ['Range: only `bytes=N-` or `bytes=N-M` is safelisted'],
    ],
    [
      'a text POST whose Content-Type says JSON',
      { method: 'POST', body: 'text', headers: [['Content-Type', 'application/json']] },
      'POST',
      'content-type',
      ['Content-Type: application/json is not form data, multipart or text/plain'],
    ],
  ])('%s is preflighted', (_name, change, method, headers, reasons) => {
    expect(forecastPreflight(request(change))).toEqual({ needed: true, reasons, method, headers });
  });

  it('preflights every safelisted header once their values total over 1024 bytes', () => {
    const value = 'a'.repeat(120);
    const headers = [
      ...Array.from({ length: 8 }, () => ['Accept', value] as const),
      ['Accept-Language', 'en'.repeat(40)] as const,
    ];
    expect(forecastPreflight(request({ headers }))).toEqual({
      needed: true,
      reasons: ['the safelisted header values total 1040 bytes, over 1024'],
      method: 'GET',
      headers: 'accept,accept-language',
    });
  });
});

describe('effectiveHeaders', () => {
  it('drops forbidden names and adds the body type unless a header sets one', () => {
    expect(
      effectiveHeaders(
        request({
          method: 'POST',
          body: 'form',
          headers: [
            ['Sec-Fetch-Mode', 'no-cors'],
            ['Proxy-Authorization', 'x'],
            ['X-Kept', '1'],
          ],
        }),
      ),
    ).toEqual([
      ['X-Kept', '1'],
      ['Content-Type', 'application/x-www-form-urlencoded;charset=UTF-8'],
    ]);
  });
});

describe('parseHeaderLines', () => {
  it('reads Name: value lines and names the rest', () => {
    expect(
      parseHeaderLines('X-A: 1\n\n  Authorization:  Bearer x \nnot a header\nBad Name: 2'),
    ).toEqual({
      headers: [
        ['X-A', '1'],
        ['Authorization', 'Bearer x'],
      ],
      problems: ['"not a header" is not "Name: value"', '"Bad Name: 2" is not "Name: value"'],
    });
  });
});
