import { describe, expect, it } from 'vitest';
import { createCors } from '../cors.ts';
import type { HeaderObject } from './write.ts';
import { headerObject, restoreDecision, writeDecision } from './write.ts';

const cors = createCors({ origins: ['https://app.example.com'], methods: ['PUT'] });
const actual = cors.decide({
  method: 'GET',
  header: (name) => (name === 'origin' ? 'https://app.example.com' : undefined),
});
const preflight = cors.decide({
  method: 'OPTIONS',
  header: (name) =>
    name === 'origin'
      ? 'https://app.example.com'
      : name === 'access-control-request-method'
        ? 'PUT'
        : undefined,
});

describe('headerObject', () => {
  it('merges Vary into the spelling the object already has, adding no second field', () => {
    const headers: HeaderObject = { Vary: 'Accept-Language', 'content-type': 'text/plain' };
    restoreDecision(headerObject(headers), actual);
    expect(headers).toStrictEqual({
      Vary: 'Accept-Language, Origin',
      'content-type': 'text/plain',
      'access-control-allow-origin': 'https://app.example.com',
    });
  });

  it('replaces a CORS header the app spelled in another case', () => {
    const headers: HeaderObject = { 'Access-Control-Allow-Origin': '*' };
    restoreDecision(headerObject(headers), actual);
    expect(headers).toStrictEqual({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      vary: 'Origin',
    });
  });

  it('writes an ended response whole: CORS headers, Vary and Content-Length: 0', () => {
    const headers: HeaderObject = {};
    writeDecision(headerObject(headers), preflight);
    expect(headers).toStrictEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'PUT',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      'content-length': '0',
    });
  });
});
