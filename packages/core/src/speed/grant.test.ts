import { describe, expect, it } from 'vitest';
import type { Decision } from '../decision.ts';
import { createCors } from '../index.ts';
import { request } from '../test-support/requests.ts';
import { Grant } from './grant.ts';

const APP = 'https://app.example.com';

function allowedPreflight(): Decision {
  return createCors({ origins: [APP], methods: ['PUT'] }).decide(
    request('OPTIONS', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }),
  ) as Decision;
}

describe('the preflights a grant remembers', () => {
  it('a grant whose answer depends on nothing else remembers them by method and request headers', () => {
    const grant = new Grant(false, ['access-control-allow-origin', APP], undefined, true);
    const decision = allowedPreflight();
    expect(grant.rememberedPreflight('PUT', 'x-a')).toBeUndefined();
    grant.rememberPreflight('PUT', 'x-a', decision);
    expect(grant.rememberedPreflight('PUT', 'x-a')).toBe(decision);
    expect(grant.rememberedPreflight('PUT', 'x-b')).toBeUndefined();
    expect(grant.rememberedPreflight('DELETE', 'x-a')).toBeUndefined();
  });

  it('a grant answered per request (its origin built each time) remembers none', () => {
    const grant = new Grant(false, undefined, undefined, false);
    grant.rememberPreflight('PUT', 'x-a', allowedPreflight());
    expect(grant.rememberedPreflight('PUT', 'x-a')).toBeUndefined();
  });
});
