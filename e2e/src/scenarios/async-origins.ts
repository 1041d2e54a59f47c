import type { Scenario } from '../scenario.ts';
import { blocked, PRESET_COOKIE_HEADER, readable, scenario } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

/** An `origins` predicate that answers asynchronously: every adapter must wait for it. */
export const asyncOriginScenarios: readonly Scenario[] = [
  scenario({
    id: 'async-origin-get-listed',
    title: 'an origin the asynchronous predicate accepts reads a GET',
    policy: 'asyncOrigins',
    from: 'app',
    request: { path: '/api' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: false, actual: 200, handler: true },
  }),
  scenario({
    id: 'async-origin-get-stranger',
    title: 'an origin the asynchronous predicate rejects cannot read it',
    policy: 'asyncOrigins',
    from: 'stranger',
    request: { path: '/api' },
    page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: false, actual: 200, handler: true },
  }),
  scenario({
    id: 'async-origin-preflight',
    title: 'a preflight waits for the asynchronous predicate, then the PUT goes through',
    policy: 'asyncOrigins',
    from: 'app',
    request: { path: '/api', method: 'PUT', body: 'text' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: 204, actual: 200, handler: true },
  }),
  scenario({
    id: 'async-origin-preflight-stranger',
    title: 'a preflight from an origin the asynchronous predicate rejects is refused',
    policy: 'asyncOrigins',
    from: 'stranger',
    request: { path: '/api', method: 'PUT' },
    page: blocked('PreflightMissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
  scenario({
    id: 'async-origin-credentialed',
    title: 'with credentials, the accepted origin reads with its cookie',
    policy: 'asyncOrigins',
    from: 'sameSiteApp',
    presetCookie: true,
    request: { path: '/api', credentials: 'include' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: false, actual: 200, handler: true, cookie: PRESET_COOKIE_HEADER },
  }),
];
