import type { Scenario } from '../scenario.ts';
import { readable, scenario } from '../scenario.ts';
import { RESPONSE_HEADERS } from '../servers/test-app.ts';

const {
  'x-request-id': requestId,
  'x-internal-trace': trace,
  'content-language': language,
} = RESPONSE_HEADERS;

/** Scripts read safelisted response headers always, others only when exposed. */
export const exposedHeaderScenarios: readonly Scenario[] = [
  scenario({
    id: 'exposed-header-readable',
    title: 'an exposed header is readable, an unexposed one is not, a safelisted one always is',
    policy: 'standard',
    from: 'app',
    request: { path: '/headers' },
    page: readable(200, {
      headers: {
        'x-request-id': requestId,
        'x-internal-trace': null,
        'content-language': language,
      },
    }),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      actualHeaders: { 'access-control-expose-headers': 'X-Request-Id' },
    },
  }),
  scenario({
    id: 'nothing-exposed',
    title: 'with nothing exposed only safelisted headers are readable',
    policy: 'minimal',
    from: 'app',
    request: { path: '/headers' },
    page: readable(200, {
      headers: { 'x-request-id': null, 'x-internal-trace': null, 'content-language': language },
    }),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      actualHeaders: { 'access-control-expose-headers': null },
    },
  }),
  scenario({
    id: 'everything-exposed',
    title: "exposedHeaders '*' makes every response header readable to an anonymous request",
    policy: 'public',
    from: 'stranger',
    request: { path: '/headers' },
    page: readable(200, {
      headers: {
        'x-request-id': requestId,
        'x-internal-trace': trace,
        'content-language': language,
      },
    }),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      actualHeaders: { 'access-control-expose-headers': '*' },
    },
  }),
];
