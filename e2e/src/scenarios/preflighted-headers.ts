import type { Scenario } from '../scenario.ts';
import { blocked, readable, scenario } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

/**
 * Request headers that make the browser ask first. Corsica answers a preflight with the validated
 * names it was asked for, lowercase, never `*`; a denied one gets 403 and no Access-Control-Allow-*
 * header at all, so Chromium reports every denial as PreflightMissingAllowOriginHeader whatever its
 * cause: the core's reason, from the server's log, tells the causes apart.
 */
export const preflightedHeaderScenarios: readonly Scenario[] = [
  scenario({
    id: 'json-body-allowed',
    title: 'a JSON POST is preflighted for Content-Type, allowed when the policy lists it',
    policy: 'standard',
    from: 'app',
    request: { path: '/api', method: 'POST', body: 'json' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: 204,
      actual: 200,
      handler: true,
      preflightHeaders: { 'access-control-allow-headers': 'content-type' },
    },
  }),
  scenario({
    id: 'json-body-denied',
    title:
      'a JSON POST is refused at the preflight when Content-Type is not listed; the POST is never sent',
    policy: 'minimal',
    from: 'app',
    request: { path: '/api', method: 'POST', body: 'json' },
    page: blocked('PreflightMissingAllowOriginHeader', 'header-not-allowed'),
    server: {
      preflight: 403,
      actual: false,
      handler: false,
      preflightHeaders: {
        'access-control-allow-origin': null,
        'access-control-allow-headers': null,
      },
    },
  }),
  scenario({
    id: 'custom-header-allowed',
    title: 'a listed custom header is echoed back, lowercase, and the request goes through',
    policy: 'standard',
    from: 'app',
    request: { path: '/api', headers: { 'X-Requested-With': 'e2e' } },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: 204,
      actual: 200,
      handler: true,
      preflightHeaders: {
        'access-control-allow-headers': 'x-requested-with',
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    },
  }),
  scenario({
    id: 'custom-header-denied',
    title: 'an unlisted custom header is refused at the preflight; the request is never sent',
    policy: 'standard',
    from: 'app',
    request: { path: '/api', headers: { 'X-Debug': 'on' } },
    page: blocked('PreflightMissingAllowOriginHeader', 'header-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
  scenario({
    id: 'one-header-of-two-denied',
    title: 'one unlisted header among listed ones is enough to refuse the preflight',
    policy: 'standard',
    from: 'app',
    request: { path: '/api', headers: { 'X-Requested-With': 'e2e', 'X-Debug': 'on' } },
    page: blocked('PreflightMissingAllowOriginHeader', 'header-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
  scenario({
    id: 'authorization-listed',
    title: 'Authorization goes through when the policy lists it by name',
    policy: 'standard',
    from: 'app',
    request: { path: '/api', headers: { Authorization: 'Bearer e2e' } },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: 204,
      actual: 200,
      handler: true,
      preflightHeaders: { 'access-control-allow-headers': 'authorization' },
    },
  }),
  scenario({
    id: 'authorization-not-under-wildcard',
    // Chromium would let Authorization through under `Access-Control-Allow-Headers: *` (see the
    // README's Chromium notes); Corsica never relies on that: it refuses the preflight itself.
    title: "allowedHeaders '*' does not cover Authorization: the preflight is refused",
    policy: 'public',
    from: 'stranger',
    request: { path: '/api', headers: { Authorization: 'Bearer e2e' } },
    page: blocked('PreflightMissingAllowOriginHeader', 'header-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
  scenario({
    id: 'custom-header-under-wildcard',
    title:
      "allowedHeaders '*' lets any other header through, answered by name rather than with '*'",
    policy: 'public',
    from: 'stranger',
    request: { path: '/api', headers: { 'X-Debug': 'on' } },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: 204,
      actual: 200,
      handler: true,
      preflightHeaders: {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'x-debug',
      },
    },
  }),
  scenario({
    id: 'preflight-from-stranger',
    title: 'a preflight from an unlisted origin is refused, whatever it asks for',
    policy: 'standard',
    from: 'stranger',
    request: { path: '/api', method: 'PUT', headers: { 'X-Requested-With': 'e2e' } },
    page: blocked('PreflightMissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
];
