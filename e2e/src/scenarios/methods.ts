import type { Scenario } from '../scenario.ts';
import { blocked, readable, scenario } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

/** Methods beyond GET, HEAD and POST need a preflight, and the policy must list them, exactly. */
const listedMethods = ['PUT', 'DELETE', 'PATCH'] as const;

export const methodScenarios: readonly Scenario[] = [
  ...listedMethods.map((method) =>
    scenario({
      id: `method-${method.toLowerCase()}-listed`,
      title: `${method} is preflighted, granted by echoing ${method}, then sent`,
      policy: 'standard',
      from: 'app',
      request: { path: '/api', method },
      page: readable(200, { body: HANDLER_BODY }),
      server: {
        preflight: 204,
        actual: 200,
        handler: true,
        preflightHeaders: { 'access-control-allow-methods': method },
      },
    }),
  ),
  scenario({
    id: 'method-patch-lowercase',
    // fetch() uppercases only DELETE, GET, HEAD, OPTIONS, POST and PUT: `patch` goes out as is, and
    // methods are case-sensitive. (Node's parser would refuse a lowercase method line anyway; the
    // preflight, carrying it in Access-Control-Request-Method, is where Corsica says no.)
    title: 'a lowercase `patch` is refused at the preflight even though PATCH is listed',
    policy: 'standard',
    from: 'app',
    request: { path: '/api', method: 'patch' },
    page: blocked('PreflightMissingAllowOriginHeader', 'method-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
  scenario({
    id: 'method-put-lowercase',
    title: 'a lowercase `put` is uppercased by fetch() itself, so PUT is asked for and granted',
    policy: 'standard',
    from: 'app',
    request: { path: '/api', method: 'put' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: 204,
      actual: 200,
      handler: true,
      preflightHeaders: { 'access-control-allow-methods': 'PUT' },
    },
  }),
  scenario({
    id: 'method-put-unlisted',
    title:
      'PUT is refused at the preflight when the policy does not list it; the PUT is never sent',
    policy: 'minimal',
    from: 'app',
    request: { path: '/api', method: 'PUT', body: 'text' },
    page: blocked('PreflightMissingAllowOriginHeader', 'method-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
  scenario({
    id: 'method-delete-unlisted',
    title:
      'DELETE is refused at the preflight when the policy does not list it; the DELETE is never sent',
    policy: 'minimal',
    from: 'app',
    request: { path: '/api', method: 'DELETE' },
    page: blocked('PreflightMissingAllowOriginHeader', 'method-not-allowed'),
    server: { preflight: 403, actual: false, handler: false },
  }),
];
