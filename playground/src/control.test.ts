import { describe, expect, it } from 'vitest';
import type { Gate, RequestFacts } from './control.ts';
import { checkHost, checkRead, checkWrite } from './control.ts';

const gate: Gate = { hosts: ['localhost:4300', '127.0.0.1:4300'], token: 'per-run-token' };

/** What the page itself sends when it applies a policy. */
const fromThePage: RequestFacts = {
  method: 'POST',
  host: 'localhost:4300',
  origin: 'http://localhost:4300',
  secFetchSite: 'same-origin',
  contentType: 'application/json',
  token: 'per-run-token',
};

describe('checkWrite: POST /control/policy', () => {
  it.each<[string, Partial<RequestFacts>]>([
    ['from the page on localhost', {}],
    ['from the page on 127.0.0.1', { host: '127.0.0.1:4300', origin: 'http://127.0.0.1:4300' }],
    ['with a charset parameter', { contentType: 'application/json; charset=utf-8' }],
    ['from a browser that sends no Sec-Fetch-Site', { secFetchSite: undefined }],
  ])('accepts a request %s', (_name, change) => {
    expect(checkWrite(gate, { ...fromThePage, ...change })).toEqual({ ok: true });
  });

  it.each<[string, Partial<RequestFacts>, number, string]>([
    [
      'a cross-origin text/plain POST (a form or no-cors fetch from another site)',
      { origin: 'https://evil.example', secFetchSite: 'cross-site', contentType: 'text/plain' },
      403,
      'Origin "https://evil.example" may not change the policy',
    ],
    [
      'a cross-origin text/plain POST that guessed the token',
      { origin: 'https://evil.example', contentType: 'text/plain', secFetchSite: undefined },
      403,
      'Origin "https://evil.example" may not change the policy',
    ],
    [
      'a DNS-rebinding page (its own host name, resolved to 127.0.0.1)',
      { host: 'evil.example:4300', origin: 'http://evil.example:4300' },
      403,
      'Host "evil.example:4300" is not this playground\'s',
    ],
    ['a request without Host', { host: undefined }, 403, "Host null is not this playground's"],
    [
      'the page origin sent to the other host',
      { host: '127.0.0.1:4300', origin: 'http://localhost:4300' },
      403,
      'Origin "http://localhost:4300" may not change the policy',
    ],
    [
      "another port of localhost (an API server's page)",
      { origin: 'http://localhost:4301' },
      403,
      'Origin "http://localhost:4301" may not change the policy',
    ],
    ['no Origin', { origin: undefined }, 403, 'Origin null may not change the policy'],
    [
      'a same-site, cross-origin Sec-Fetch-Site',
      { secFetchSite: 'same-site' },
      403,
      'Sec-Fetch-Site same-site may not change the policy',
    ],
    [
      'a missing token',
      { token: undefined },
      403,
      'missing or wrong playground token (reload the page)',
    ],
    [
      'a wrong token',
      { token: 'per-run-tokeN' },
      403,
      'missing or wrong playground token (reload the page)',
    ],
    [
      'a same-origin text/plain POST with the token',
      { contentType: 'text/plain' },
      415,
      'Content-Type "text/plain": send application/json',
    ],
    [
      'a form body',
      { contentType: 'application/x-www-form-urlencoded' },
      415,
      'Content-Type "application/x-www-form-urlencoded": send application/json',
    ],
    [
      'no Content-Type',
      { contentType: undefined },
      415,
      'Content-Type null: send application/json',
    ],
    ['a GET', { method: 'GET' }, 405, 'GET is not allowed here'],
    ['a preflight', { method: 'OPTIONS' }, 405, 'OPTIONS is not allowed here'],
  ])('refuses %s', (_name, change, status, reason) => {
    expect(checkWrite(gate, { ...fromThePage, ...change })).toEqual({ ok: false, status, reason });
  });
});

describe('checkRead: GET /api/…', () => {
  const read: RequestFacts = { ...fromThePage, method: 'GET', contentType: undefined };

  it('accepts the page with its token', () => {
    expect(checkRead(gate, read)).toEqual({ ok: true });
  });

  it.each<[string, Partial<RequestFacts>, number]>([
    ['a wrong Host', { host: 'evil.example:4300' }, 403],
    ['a missing token', { token: undefined }, 403],
    ['a wrong token', { token: 'guess' }, 403],
    ['a POST', { method: 'POST' }, 405],
  ])('refuses %s', (_name, change, status) => {
    expect(checkRead(gate, { ...read, ...change })).toMatchObject({ ok: false, status });
  });
});

describe('checkHost: every request', () => {
  it.each(['localhost:4300', '127.0.0.1:4300'])('accepts %s', (host) => {
    expect(checkHost(gate, { host })).toEqual({ ok: true });
  });

  it.each(['localhost', 'localhost:4301', 'LOCALHOST:4300', '[::1]:4300', 'evil.example:4300'])(
    'refuses %s',
    (host) => {
      expect(checkHost(gate, { host })).toMatchObject({ ok: false, status: 403 });
    },
  );
});
