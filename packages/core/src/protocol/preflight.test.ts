import { describe, expect, it } from 'vitest';
import type { CorsDecision } from '../index.ts';
import { createCors } from '../index.ts';
import { request } from '../test-support/requests.ts';
import { checkPreflightMethod, compileMethodRules } from './preflight.ts';

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
