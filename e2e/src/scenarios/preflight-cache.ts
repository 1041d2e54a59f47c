import type { Scenario, Step } from '../scenario.ts';
import { blocked, readable, scenarioInSteps } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

const sentAfterPreflight: Step['server'] = { preflight: 204, actual: 200, handler: true };
const sentFromCache: Step['server'] = { preflight: false, actual: 200, handler: true };

/** Two or more requests in one page: what Chromium's preflight cache keeps, and for how long. */
export const preflightCacheScenarios: readonly Scenario[] = [
  scenarioInSteps({
    id: 'preflight-cached-by-max-age',
    title: 'a preflight answered with Access-Control-Max-Age: 600 is not repeated for the next PUT',
    policy: 'preflightCaching',
    from: 'app',
    steps: [
      {
        request: { path: '/api', method: 'PUT' },
        page: readable(200, { body: HANDLER_BODY }),
        server: { ...sentAfterPreflight, preflightHeaders: { 'access-control-max-age': '600' } },
      },
      {
        request: { path: '/api', method: 'PUT' },
        page: readable(200, { body: HANDLER_BODY }),
        server: sentFromCache,
      },
    ],
  }),
  scenarioInSteps({
    id: 'preflight-max-age-zero',
    title: 'with Access-Control-Max-Age: 0 every PUT is preflighted again',
    policy: 'preflightCaching',
    from: 'app',
    steps: [
      {
        request: { path: '/api/uncached', method: 'PUT' },
        page: readable(200, { body: HANDLER_BODY }),
        server: { ...sentAfterPreflight, preflightHeaders: { 'access-control-max-age': '0' } },
      },
      {
        request: { path: '/api/uncached', method: 'PUT' },
        page: readable(200, { body: HANDLER_BODY }),
        server: sentAfterPreflight,
      },
    ],
  }),
  scenarioInSteps({
    id: 'preflight-cache-per-header',
    title: 'a cached preflight for PUT does not cover a header it was not asked about',
    policy: 'preflightCaching',
    from: 'app',
    steps: [
      {
        request: { path: '/api', method: 'PUT' },
        page: readable(200, { body: HANDLER_BODY }),
        server: sentAfterPreflight,
      },
      {
        request: { path: '/api', method: 'PUT', headers: { 'X-Requested-With': 'e2e' } },
        page: readable(200, { body: HANDLER_BODY }),
        server: sentAfterPreflight,
      },
      {
        request: { path: '/api', method: 'PUT', headers: { 'X-Requested-With': 'e2e' } },
        page: readable(200, { body: HANDLER_BODY }),
        server: sentFromCache,
      },
    ],
  }),
  scenarioInSteps({
    id: 'preflight-cache-skipped-by-no-store',
    // Chromium, not the Fetch standard: the standard consults the preflight cache whatever the
    // request's cache mode; Chromium skips it for no-store, no-cache and reload (README, Chromium
    // notes). This scenario expects Chromium's behaviour.
    title: "Chromium preflights a cache: 'no-store' PUT again despite Max-Age: 600",
    policy: 'preflightCaching',
    from: 'app',
    steps: [
      {
        request: { path: '/api', method: 'PUT' },
        page: readable(200, { body: HANDLER_BODY }),
        server: sentAfterPreflight,
      },
      {
        request: { path: '/api', method: 'PUT', cache: 'no-store' },
        page: readable(200, { body: HANDLER_BODY }),
        server: sentAfterPreflight,
      },
      {
        request: { path: '/api', method: 'PUT' },
        page: readable(200, { body: HANDLER_BODY }),
        server: sentFromCache,
      },
    ],
  }),
  scenarioInSteps({
    id: 'denied-preflight-not-cached',
    title: 'a refused preflight is not cached: the next attempt asks again, and is refused again',
    policy: 'minimal',
    from: 'app',
    steps: [
      {
        request: { path: '/api', method: 'DELETE' },
        page: blocked('PreflightMissingAllowOriginHeader', 'method-not-allowed'),
        server: { preflight: 403, actual: false, handler: false },
      },
      {
        request: { path: '/api', method: 'DELETE' },
        page: blocked('PreflightMissingAllowOriginHeader', 'method-not-allowed'),
        server: { preflight: 403, actual: false, handler: false },
      },
    ],
  }),
];
