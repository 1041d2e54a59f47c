import type { Scenario } from '../scenario.ts';
import { blocked, readable, scenario } from '../scenario.ts';

/**
 * The CORS headers are set before the application runs, so the framework's own 404 and 500 keep
 * them: the page sees the real status instead of a CORS failure.
 */
export const errorResponseScenarios: readonly Scenario[] = [
  scenario({
    id: 'not-found-readable',
    title: "the framework's own 404 is readable from a listed origin",
    policy: 'standard',
    from: 'app',
    request: { path: '/missing' },
    page: readable(404),
    server: { preflight: false, actual: 404, handler: false },
  }),
  scenario({
    id: 'thrown-error-readable',
    title: 'the 500 for an error the handler throws is readable from a listed origin',
    policy: 'standard',
    from: 'app',
    request: { path: '/throw' },
    page: readable(500),
    server: { preflight: false, actual: 500, handler: true },
  }),
  scenario({
    id: 'thrown-error-after-preflight',
    title: 'a preflighted PUT whose handler throws: the preflight is granted, the 500 is readable',
    policy: 'standard',
    from: 'app',
    request: { path: '/throw', method: 'PUT', body: 'text' },
    page: readable(500),
    server: { preflight: 204, actual: 500, handler: true },
  }),
  scenario({
    id: 'not-found-stranger',
    title: 'a 404 is not readable from an unlisted origin either',
    policy: 'standard',
    from: 'stranger',
    request: { path: '/missing' },
    page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: false, actual: 404, handler: false },
  }),
  scenario({
    id: 'preflight-to-missing-route',
    title:
      'a preflight to a path no route serves is still answered, and the 404 that follows is readable',
    policy: 'standard',
    from: 'app',
    request: { path: '/missing', method: 'DELETE' },
    page: readable(404),
    server: { preflight: 204, actual: 404, handler: false },
  }),
];
