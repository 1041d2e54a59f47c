import type { Scenario } from '../scenario.ts';
import { blocked, readable, scenario } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

/** `rejectDisallowed: true`: requests from disallowed origins are answered 403 before any handler. */
export const rejectDisallowedScenarios: readonly Scenario[] = [
  scenario({
    id: 'rejected-get',
    title: 'a GET from an unlisted origin is answered 403 and its handler never runs',
    policy: 'rejecting',
    from: 'stranger',
    request: { path: '/api' },
    page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: false, actual: 403, handler: false },
  }),
  scenario({
    id: 'rejected-form-post',
    title:
      'a form POST from an unlisted origin still arrives, but is answered 403 before its handler',
    policy: 'rejecting',
    from: 'stranger',
    request: { path: '/api', method: 'POST', body: 'form' },
    page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: false, actual: 403, handler: false },
  }),
  scenario({
    id: 'rejecting-lets-listed-through',
    title: 'the listed origin is not affected: its request reaches the handler and is read',
    policy: 'rejecting',
    from: 'app',
    request: { path: '/api', method: 'POST', body: 'form' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: false, actual: 200, handler: true },
  }),
  scenario({
    id: 'rejected-preflight',
    title: "an unlisted origin's preflight is refused as usual, and nothing follows it",
    policy: 'rejecting',
    from: 'stranger',
    request: { path: '/api', method: 'PUT' },
    page: blocked('PreflightMissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
];
