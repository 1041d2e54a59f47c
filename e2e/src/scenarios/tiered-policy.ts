import type { Scenario } from '../scenario.ts';
import { blocked, PRESET_COOKIE_HEADER, readable, scenario } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

/** `origins: '*'` with `credentials: [same-site app]`: anyone reads anonymously, one origin with cookies. */
export const tieredPolicyScenarios: readonly Scenario[] = [
  scenario({
    id: 'tiered-anonymous-stranger',
    title: 'any origin reads anonymously, answered with `*`',
    policy: 'tiered',
    from: 'stranger',
    request: { path: '/api' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      actualHeaders: {
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': null,
      },
    },
  }),
  scenario({
    id: 'tiered-anonymous-listed',
    title: 'the credentialed origin reads anonymously too',
    policy: 'tiered',
    from: 'sameSiteApp',
    request: { path: '/api' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: false, actual: 200, handler: true, cookie: null },
  }),
  scenario({
    id: 'tiered-credentialed-listed',
    title: 'the listed origin reads with its cookie, answered with its own origin and credentials',
    policy: 'tiered',
    from: 'sameSiteApp',
    presetCookie: true,
    request: { path: '/api', credentials: 'include' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      cookie: PRESET_COOKIE_HEADER,
      actualHeaders: { 'access-control-allow-credentials': 'true', vary: 'Origin' },
    },
  }),
  scenario({
    id: 'tiered-credentialed-stranger',
    title:
      'another origin asking with credentials gets the anonymous `*`, which the browser refuses',
    policy: 'tiered',
    from: 'stranger',
    request: { path: '/api', credentials: 'include' },
    page: blocked('WildcardOriginNotAllowed', 'allowed'),
    server: { preflight: false, actual: 200, handler: true },
  }),
  scenario({
    id: 'tiered-credentialed-preflight-unlisted',
    title:
      'a credentialed PUT from an origin without credentials: the preflight answers `*`, which the browser refuses',
    policy: 'tiered',
    from: 'app',
    request: { path: '/api', method: 'PUT', credentials: 'include' },
    page: blocked('PreflightWildcardOriginNotAllowed', 'allowed'),
    server: {
      preflight: 204,
      actual: false,
      handler: false,
      preflightHeaders: {
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': null,
      },
    },
  }),
  scenario({
    id: 'tiered-anonymous-preflight',
    title: 'the same PUT without credentials is granted to that origin',
    policy: 'tiered',
    from: 'app',
    request: { path: '/api', method: 'PUT' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: 204, actual: 200, handler: true },
  }),
];
