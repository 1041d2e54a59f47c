import type { Scenario } from '../scenario.ts';
import { blocked, PRESET_COOKIE_HEADER, readable, scenario } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

/**
 * The core's `routes`: the top level lists one origin; `/api/public/*` opens to any origin,
 * `/api/partner/*` to the same-site app only, with credentials; `/api/internal/*` turns CORS off.
 */
export const perPathScenarios: readonly Scenario[] = [
  scenario({
    id: 'route-public-any-origin',
    title: 'an unlisted origin reads under /api/public/, which allows any origin',
    policy: 'perPath',
    from: 'stranger',
    request: { path: '/api/public' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      actualHeaders: { 'access-control-allow-origin': '*' },
    },
  }),
  scenario({
    id: 'route-public-inherits-methods',
    title:
      'a route inherits the top-level methods: PUT under /api/public/ is granted to any origin',
    policy: 'perPath',
    from: 'stranger',
    request: { path: '/api/public', method: 'PUT' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: 204, actual: 200, handler: true },
  }),
  scenario({
    id: 'route-top-level-strict',
    title:
      'the same unlisted origin cannot read a path no route covers: the top-level policy applies',
    policy: 'perPath',
    from: 'stranger',
    request: { path: '/api' },
    page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: false, actual: 200, handler: true },
  }),
  scenario({
    id: 'route-partner-credentials',
    title: "the partner route's origin reads with its cookie under /api/partner/",
    policy: 'perPath',
    from: 'sameSiteApp',
    presetCookie: true,
    request: { path: '/api/partner', credentials: 'include' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: false, actual: 200, handler: true, cookie: PRESET_COOKIE_HEADER },
  }),
  scenario({
    id: 'route-partner-replaces-origins',
    title:
      "a route's origins replace the top level's: the top-level origin cannot read /api/partner/",
    policy: 'perPath',
    from: 'app',
    request: { path: '/api/partner' },
    page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: false, actual: 200, handler: true },
  }),
  scenario({
    id: 'route-disabled-preflight',
    title: 'under a disabled route the preflight is left to the application, which grants nothing',
    policy: 'perPath',
    from: 'app',
    request: { path: '/api/internal', method: 'PUT' },
    page: blocked('PreflightMissingAllowOriginHeader', 'cors-disabled'),
    server: { preflight: 200, actual: false, handler: true },
  }),
  scenario({
    id: 'route-disabled-get',
    title: 'under a disabled route even the top-level origin cannot read a GET',
    policy: 'perPath',
    from: 'app',
    request: { path: '/api/internal' },
    page: blocked('MissingAllowOriginHeader', 'cors-disabled'),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      actualHeaders: { 'access-control-allow-origin': null, vary: null },
    },
  }),
];
