import type { PageRequest, Scenario } from '../scenario.ts';
import { blocked, readable, scenario } from '../scenario.ts';
import { HANDLER_BODY } from '../servers/test-app.ts';

/** Requests a page may send without a preflight: GET, HEAD, and POST with the three simple bodies. */
const simpleRequests: readonly { slug: string; label: string; request: PageRequest }[] = [
  { slug: 'get', label: 'GET', request: { path: '/api' } },
  { slug: 'head', label: 'HEAD', request: { path: '/api', method: 'HEAD' } },
  {
    slug: 'post-text',
    label: 'text/plain POST',
    request: { path: '/api', method: 'POST', body: 'text' },
  },
  {
    slug: 'post-form',
    label: 'urlencoded form POST',
    request: { path: '/api', method: 'POST', body: 'form' },
  },
  {
    slug: 'post-multipart',
    label: 'multipart POST',
    request: { path: '/api', method: 'POST', body: 'multipart' },
  },
];

export const simpleRequestScenarios: readonly Scenario[] = simpleRequests.flatMap(
  ({ slug, label, request }) => [
    scenario({
      id: `simple-${slug}-listed`,
      title: `a ${label} from a listed origin goes out without a preflight and the page reads it`,
      policy: 'standard',
      from: 'app',
      request,
      page: readable(200, { body: request.method === 'HEAD' ? '' : HANDLER_BODY }),
      server: { preflight: false, actual: 200, handler: true },
    }),
    scenario({
      id: `simple-${slug}-stranger`,
      title: `a ${label} from an unlisted origin still reaches the handler (CORS guards reading, not sending); the page cannot read it`,
      policy: 'standard',
      from: 'stranger',
      request,
      page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
      server: {
        preflight: false,
        actual: 200,
        handler: true,
        actualHeaders: { 'access-control-allow-origin': null, vary: 'Origin' },
      },
    }),
  ],
);
