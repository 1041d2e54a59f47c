import { describe, expect, it } from 'vitest';
import { createCors } from '../cors.ts';
import type { CorsDecision } from '../index.ts';
import { request } from '../test-support/requests.ts';
import type { HeaderObject } from './write.ts';
import { endedResponseHeaders, headerObject, restoreDecision, writeDecision } from './write.ts';

/**
 * Writing a decision: its CORS headers replace any earlier value, its Vary tokens are appended to
 * what the response holds, never repeated (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches),
 * and `restoreDecision` says whether it had to put anything back.
 */

const APP = 'https://app.example.com';
const credentialed = createCors({ origins: [APP], credentials: true });
const actual = credentialed.decide(request('GET', { Origin: APP }, '/'));

describe('writeDecision', () => {
  it('leaves a Vary that already holds every token as it is', () => {
    const headers: HeaderObject = { vary: 'Accept, origin' };
    writeDecision(headerObject(headers), actual);
    expect(headers).toStrictEqual({
      vary: 'Accept, origin',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
    });
  });

  it('never adds to Vary: *', () => {
    const headers: HeaderObject = { Vary: '*' };
    writeDecision(headerObject(headers), actual);
    expect(headers).toStrictEqual({
      Vary: '*',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
    });
  });

  it("writes only the static header for a request without Origin under origins: '*'", () => {
    const nonCors = createCors({ origins: '*' }).decide(request('GET', {}, '/'));
    expect(endedResponseHeaders(nonCors)).toStrictEqual({ 'access-control-allow-origin': '*' });
  });
});

describe('restoreDecision', () => {
  function restored(headers: HeaderObject, decision: CorsDecision = actual) {
    const changed = restoreDecision(headerObject(headers), decision);
    return { changed, headers };
  }

  it('changes nothing, and says so, when the response still holds the decision', () => {
    expect(
      restored({
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        vary: 'Origin',
      }),
    ).toStrictEqual({
      changed: false,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        vary: 'Origin',
      },
    });
  });

  it('puts back a CORS header the app replaced, and says so', () => {
    expect(
      restored({
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        vary: 'Accept, Origin',
      }),
    ).toStrictEqual({
      changed: true,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        vary: 'Accept, Origin',
      },
    });
  });

  it('puts back the Vary token the app dropped, and says so', () => {
    expect(
      restored({
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        vary: 'Accept',
      }),
    ).toStrictEqual({
      changed: true,
      headers: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        vary: 'Accept, Origin',
      },
    });
  });

  it('has nothing to put back for a decision that writes nothing', () => {
    const untouched = createCors({
      origins: [APP],
      routes: [{ path: '/internal/*', disabled: true }],
    }).decide(request('GET', {}, '/internal/x'));
    expect(restored({ vary: 'Accept' }, untouched)).toStrictEqual({
      changed: false,
      headers: { vary: 'Accept' },
    });
  });
});

describe('headerObject', () => {
  it('reads and sets the name as written when the object has it, before another spelling', () => {
    const headers: HeaderObject = {
      Vary: 'Accept',
      vary: 'Origin',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
    };
    const sink = headerObject(headers);
    expect(sink.get('vary')).toBe('Origin');
    expect(restoreDecision(sink, actual)).toBe(false);
    sink.set('vary', 'Origin, Accept-Language');
    expect(headers).toStrictEqual({
      Vary: 'Accept',
      vary: 'Origin, Accept-Language',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
    });
  });
});
