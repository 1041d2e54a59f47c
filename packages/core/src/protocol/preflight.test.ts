import { describe, expect, it } from 'vitest';
import type { CorsDecision } from '../index.ts';
import { createCors } from '../index.ts';
import { request } from '../test-support/requests.ts';
import {
  allowedPart,
  checkPreflight,
  checkPreflightMethod,
  compileMethodRules,
  MAX_METHOD_LENGTH,
} from './preflight.ts';
import { compileRequestHeaderRules } from './request-headers.ts';

/**
 * The method step of https://fetch.spec.whatwg.org/#cors-preflight-fetch: a CORS-safelisted method
 * is `GET`, `HEAD` or `POST`, byte for byte (https://fetch.spec.whatwg.org/#cors-safelisted-method).
 * Browsers uppercase those three before sending, so a lowercase one in a preflight comes from
 * something else, and gets no free pass.
 */
describe('safelisted methods in a preflight', () => {
  const none = compileMethodRules([]);

  it.each(['GET', 'HEAD', 'POST'])('%s needs no Access-Control-Allow-Methods', (method) => {
    expect(checkPreflightMethod(method, none)).toBeUndefined();
  });

  // Mutation survivor (issue 12): a case-insensitive safelist check went unnoticed.
  it.each(['post', 'Post', 'get', 'head'])(
    '%s is not safelisted: it is refused unless listed',
    (method) => {
      expect(checkPreflightMethod(method, none)).toStrictEqual({
        reason: 'method-not-allowed',
        value: method,
      });
    },
  );

  it('a lowercase post preflight is answered 403 by a policy that lists no methods', () => {
    const decision = createCors({ origins: ['https://app.example.com'] }).decide(
      request('OPTIONS', {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'post',
      }),
    ) as CorsDecision;
    expect([decision.allowed, decision.status, decision.reason, decision.headers]).toStrictEqual([
      false,
      403,
      'method-not-allowed',
      [],
    ]);
  });
});

describe('the method rules a policy compiles to', () => {
  it("'*' lists no method and examines methods up to the default bound", () => {
    expect(compileMethodRules('*')).toStrictEqual({ any: true, listed: new Map(), maxLength: 64 });
  });

  it('a list answers each listed method with itself', () => {
    expect(compileMethodRules(['PUT', 'DELETE'])).toStrictEqual({
      any: false,
      listed: new Map([
        ['PUT', ['access-control-allow-methods', 'PUT']],
        ['DELETE', ['access-control-allow-methods', 'DELETE']],
      ]),
      maxLength: MAX_METHOD_LENGTH,
    });
  });

  it('a listed method longer than the default bound raises the bound to its length', () => {
    const long = `X-${'A'.repeat(78)}`;
    const rules = compileMethodRules(['PUT', long]);
    expect(rules.maxLength).toBe(80);
    expect(checkPreflightMethod(long, rules)).toStrictEqual(['access-control-allow-methods', long]);
  });

  it('refuses a method longer than the bound before reading it, whatever is listed', () => {
    const method = 'P'.repeat(MAX_METHOD_LENGTH + 1);
    expect(checkPreflightMethod(method, compileMethodRules(['PUT']))).toStrictEqual({
      reason: 'method-over-limit',
      value: method,
    });
    expect(
      checkPreflightMethod('P'.repeat(MAX_METHOD_LENGTH), compileMethodRules('*')),
    ).toStrictEqual(['access-control-allow-methods', 'P'.repeat(MAX_METHOD_LENGTH)]);
  });
});

/**
 * `Access-Control-Request-Method` is one method (https://fetch.spec.whatwg.org/#http-requests):
 * several field lines are not a method, however many there are.
 */
describe('a request method sent as several field lines', () => {
  // Compiled in each test, so that a mutation of the compiler is active where it runs.
  const rules = () => compileMethodRules(['PUT']);

  it('is malformed, reported as the lines joined', () => {
    expect(checkPreflightMethod(['PUT', 'DELETE'], rules())).toStrictEqual({
      reason: 'method-malformed',
      value: 'PUT, DELETE',
    });
  });

  it('is malformed, not over the limit, when there are more lines than a method has bytes', () => {
    const lines = Array<string>(MAX_METHOD_LENGTH + 1).fill('PUT');
    expect(checkPreflightMethod(lines, rules())).toStrictEqual({
      reason: 'method-malformed',
      value: lines.join(', '),
    });
  });
});

describe('the headers step of a preflight', () => {
  const methods = () => compileMethodRules(['PUT']);
  const headers = () => compileRequestHeaderRules(new Set(['x-a', 'x-b']), false);

  it.each([
    ['absent (undefined)', undefined],
    ['absent (null, as Headers.get answers)', null],
    ['empty', ''],
    ['only empty elements', ' , '],
  ])(
    'needs no Access-Control-Allow-Headers when the request headers are %s',
    (_name, requested) => {
      expect(checkPreflight('PUT', requested, methods(), headers())).toStrictEqual({
        allowMethods: ['access-control-allow-methods', 'PUT'],
        allowHeaders: undefined,
      });
    },
  );

  it('answers the requested names', () => {
    expect(checkPreflight('GET', 'X-B, x-a', methods(), headers())).toStrictEqual({
      allowMethods: undefined,
      allowHeaders: ['access-control-allow-headers', 'x-b,x-a'],
    });
  });

  it('refuses by the method before it reads the headers', () => {
    expect(checkPreflight('PATCH', 'x-c', methods(), headers())).toStrictEqual({
      reason: 'method-not-allowed',
      value: 'PATCH',
    });
  });

  it('is allowed without Access-Control-Allow-Headers through the public API', () => {
    const decision = createCors({ origins: ['https://app.example.com'], methods: ['PUT'] }).decide(
      request('OPTIONS', {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': '',
      }),
    ) as CorsDecision;
    expect([decision.allowed, decision.headers]).toStrictEqual([
      true,
      [
        ['access-control-allow-origin', 'https://app.example.com'],
        ['access-control-allow-methods', 'PUT'],
      ],
    ]);
  });
});

/** Debug mode answers a refused preflight with the allowed part of what it asked for. */
describe('the allowed part of a refused preflight', () => {
  const methods = () => compileMethodRules(['PUT']);
  const listed = () => compileRequestHeaderRules(new Set(['x-a', 'x-b']), false);
  const wildcard = () => compileRequestHeaderRules(new Set(), true);

  it('keeps the listed names asked for, trimmed, lowercase, once each', () => {
    expect(allowedPart('PUT', ' X-B ,x-c, x-a,x-b', methods(), listed())).toStrictEqual({
      allowMethods: ['access-control-allow-methods', 'PUT'],
      allowHeaders: ['access-control-allow-headers', 'x-b,x-a'],
    });
  });

  it('reads every field line', () => {
    expect(allowedPart('PUT', ['x-a', 'x-c,x-b'], methods(), listed())).toStrictEqual({
      allowMethods: ['access-control-allow-methods', 'PUT'],
      allowHeaders: ['access-control-allow-headers', 'x-a,x-b'],
    });
  });

  it('answers no method for a safelisted or refused one, and no headers when none is allowed', () => {
    const none = { allowMethods: undefined, allowHeaders: undefined };
    expect(allowedPart('GET', 'x-c', methods(), listed())).toStrictEqual(none);
    expect(allowedPart('PATCH', undefined, methods(), listed())).toStrictEqual(none);
    expect(allowedPart('PATCH', null, methods(), listed())).toStrictEqual(none);
    expect(allowedPart('PATCH', '', methods(), listed())).toStrictEqual(none);
  });

  it('reads no more elements than the scan would', () => {
    // 18 names are examined under a list of two (two plus 16 repeats); x-a comes 19th.
    expect(listed().maxNames).toBe(18);
    const requested = `${'x-c,'.repeat(18)}x-a`;
    expect(allowedPart('PATCH', requested, methods(), listed()).allowHeaders).toBeUndefined();
    expect(
      allowedPart('PATCH', `${'x-c,'.repeat(17)}x-a`, methods(), listed()).allowHeaders,
    ).toStrictEqual(['access-control-allow-headers', 'x-a']);
  });

  it("under '*', keeps every valid name but authorization, skipping empty and overlong ones", () => {
    const overlong = `x-${'a'.repeat(63)}`;
    expect(
      allowedPart(
        'PATCH',
        `x-a,,authorization, ${overlong},Authorization,x-b`,
        methods(),
        wildcard(),
      ),
    ).toStrictEqual({
      allowMethods: undefined,
      allowHeaders: ['access-control-allow-headers', 'x-a,x-b'],
    });
  });
});
