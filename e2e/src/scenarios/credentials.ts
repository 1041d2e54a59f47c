import type { Scenario } from '../scenario.ts';
import { blocked, PRESET_COOKIE_HEADER, readable, scenario, scenarioInSteps } from '../scenario.ts';
import { HANDLER_BODY, RESPONSE_HEADERS, SESSION_COOKIE } from '../servers/test-app.ts';

const SESSION_COOKIE_HEADER = `${SESSION_COOKIE.name}=${SESSION_COOKIE.value}`;

/**
 * Cookies, from the same-site page (`localhost`, another port): cross-origin, so CORS applies, but
 * not cross-site, so Chromium's third-party cookie rules and SameSite=Lax let the cookies through.
 */
export const credentialScenarios: readonly Scenario[] = [
  scenario({
    id: 'cookie-sent-with-include',
    title: "with credentials: 'include' the browser sends its cookie and the page reads the answer",
    policy: 'credentialed',
    from: 'sameSiteApp',
    presetCookie: true,
    request: { path: '/api', credentials: 'include' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      cookie: PRESET_COOKIE_HEADER,
      actualHeaders: { 'access-control-allow-credentials': 'true' },
    },
  }),
  scenario({
    id: 'cookie-withheld-with-omit',
    title: "with credentials: 'omit' the same request carries no cookie",
    policy: 'credentialed',
    from: 'sameSiteApp',
    presetCookie: true,
    request: { path: '/api', credentials: 'omit' },
    page: readable(200, { body: HANDLER_BODY }),
    server: { preflight: false, actual: 200, handler: true, cookie: null },
  }),
  scenarioInSteps({
    id: 'set-cookie-stored',
    title: 'a Set-Cookie on a credentialed response is stored, and sent with the next request',
    policy: 'credentialed',
    from: 'sameSiteApp',
    steps: [
      {
        request: { path: '/cookie', credentials: 'include' },
        page: readable(200, { body: HANDLER_BODY }),
        server: { preflight: false, actual: 200, handler: true, cookie: null },
      },
      {
        request: { path: '/api', credentials: 'include' },
        page: readable(200, { body: HANDLER_BODY }),
        server: { preflight: false, actual: 200, handler: true, cookie: SESSION_COOKIE_HEADER },
      },
    ],
  }),
  scenarioInSteps({
    id: 'set-cookie-ignored-with-omit',
    title: "a Set-Cookie on a response fetched with credentials: 'omit' is not stored",
    policy: 'credentialed',
    from: 'sameSiteApp',
    steps: [
      {
        request: { path: '/cookie', credentials: 'omit' },
        page: readable(200, { body: HANDLER_BODY }),
        server: { preflight: false, actual: 200, handler: true, cookie: null },
      },
      {
        request: { path: '/api', credentials: 'include' },
        page: readable(200, { body: HANDLER_BODY }),
        server: { preflight: false, actual: 200, handler: true, cookie: null },
      },
    ],
  }),
  scenario({
    id: 'credentials-refused',
    // The cookie still went out: CORS decides what the page may read, not what the browser sends.
    title:
      'a credentialed request to a policy without credentials is sent with its cookie, but the page cannot read it',
    policy: 'standard',
    from: 'sameSiteApp',
    presetCookie: true,
    request: { path: '/api', credentials: 'include' },
    page: blocked('InvalidAllowCredentials', 'allowed'),
    server: {
      preflight: false,
      actual: 200,
      handler: true,
      cookie: PRESET_COOKIE_HEADER,
      actualHeaders: { 'access-control-allow-credentials': null },
    },
  }),
  scenarioInSteps({
    id: 'set-cookie-stored-when-refused',
    // As the Fetch standard says: cookies are stored when the response arrives, before the CORS
    // check. Refusing credentials keeps the answer from the page, not the cookie from the jar.
    title: 'a Set-Cookie on a credentialed response the page may not read is stored all the same',
    policy: 'standard',
    from: 'sameSiteApp',
    steps: [
      {
        request: { path: '/cookie', credentials: 'include' },
        page: blocked('InvalidAllowCredentials', 'allowed'),
        server: { preflight: false, actual: 200, handler: true, cookie: null },
      },
      {
        request: { path: '/api', credentials: 'include' },
        page: blocked('InvalidAllowCredentials', 'allowed'),
        server: { preflight: false, actual: 200, handler: true, cookie: SESSION_COOKIE_HEADER },
      },
    ],
  }),
  scenario({
    id: 'credentialed-preflight',
    title: 'a credentialed PUT: the preflight carries no cookie, the PUT that follows does',
    policy: 'credentialed',
    from: 'sameSiteApp',
    presetCookie: true,
    request: { path: '/api', method: 'PUT', body: 'text', credentials: 'include' },
    page: readable(200, { body: HANDLER_BODY }),
    server: {
      preflight: 204,
      actual: 200,
      handler: true,
      cookie: PRESET_COOKIE_HEADER,
      preflightHeaders: { 'access-control-allow-credentials': 'true' },
    },
  }),
  scenario({
    id: 'credentialed-preflight-refused',
    title:
      'a credentialed PUT to a policy without credentials is refused at the preflight, which grants no credentials',
    policy: 'standard',
    from: 'sameSiteApp',
    presetCookie: true,
    request: { path: '/api', method: 'PUT', credentials: 'include' },
    page: blocked('PreflightInvalidAllowCredentials', 'allowed'),
    server: { preflight: 204, actual: false, handler: false },
  }),
  scenario({
    id: 'credentialed-stranger',
    title: 'a credentialed request from an unlisted origin is not readable',
    policy: 'credentialed',
    from: 'stranger',
    request: { path: '/api', credentials: 'include' },
    page: blocked('MissingAllowOriginHeader', 'origin-not-allowed'),
    server: { preflight: false, actual: 200, handler: true },
  }),
  scenario({
    id: 'credentialed-exposed-header',
    title: 'an exposed header is readable on a credentialed response too',
    policy: 'credentialed',
    from: 'sameSiteApp',
    request: { path: '/headers', credentials: 'include' },
    page: readable(200, {
      headers: { 'x-request-id': RESPONSE_HEADERS['x-request-id'], 'x-internal-trace': null },
    }),
    server: { preflight: false, actual: 200, handler: true },
  }),
];
