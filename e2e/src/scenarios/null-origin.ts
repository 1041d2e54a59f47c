import type { Scenario } from '../scenario.ts';
import { blocked, readable, scenario } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

/** A sandboxed iframe (`sandbox="allow-scripts"`, no allow-same-origin) sends `Origin: null`. */
export const nullOriginScenarios: readonly Scenario[] = [
  scenario({
    id: 'sandboxed-get-denied',
    title:
      'a sandboxed iframe cannot read a GET: `null` is not an origin a policy allows by accident',
    policy: 'standard',
    from: 'sandboxed',
    request: { path: '/api' },
    page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: false, actual: 200, handler: true },
  }),
  scenario({
    id: 'sandboxed-put-denied',
    title: 'a sandboxed iframe is refused at the preflight of a PUT',
    policy: 'standard',
    from: 'sandboxed',
    request: { path: '/api', method: 'PUT' },
    page: blocked('PreflightMissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
  scenario({
    id: 'sandboxed-get-opted-in',
    title:
      "a sandboxed iframe reads a GET once the policy lists 'null' with dangerouslyAllowNullOrigin",
    policy: 'nullOptIn',
    from: 'sandboxed',
    request: { path: '/api' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      actualHeaders: { 'access-control-allow-origin': 'null' },
    },
  }),
  scenario({
    id: 'sandboxed-put-opted-in',
    title: "a sandboxed iframe's PUT is preflighted and granted under the same opt-in",
    policy: 'nullOptIn',
    from: 'sandboxed',
    request: { path: '/api', method: 'PUT' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: 204,
      actual: 200,
      handler: true,
      preflightHeaders: { 'access-control-allow-origin': 'null' },
    },
  }),
];
