/**
 * Real servers on 127.0.0.1 that answer with crafted CORS headers, and the cases run against them:
 * by the tests (through `check()` and the `corsica` bin) and by `scripts/compare-chromium.ts`
 * (through Chromium itself), so both see the same responses.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommonError, CorsErrorName, Verdict } from '../src/index.ts';

export interface CaseContext {
  /** Base URL of the other server (another origin), for cross-origin redirects. */
  readonly other: string;
  /** Base URL of this server. */
  readonly self: string;
  /** The page's origin the servers were started for. */
  readonly pageOrigin: string;
}

export interface CaseRequest {
  readonly method?: string;
  readonly headers?: readonly (readonly [string, string])[];
  readonly credentials?: boolean;
  readonly data?: string;
  /** Path under /case/<id>; default ''. */
  readonly path?: string;
}

export interface CaseExpectation {
  readonly verdict: Verdict;
  readonly failedCheck: CorsErrorName | null;
  readonly failedParameter?: string;
  readonly commonError: CommonError | null;
}

export interface Case {
  readonly id: string;
  readonly title: string;
  readonly request: CaseRequest;
  /** Answers a request to /case/<id><rest>. `origin` is the request's Origin header. */
  readonly respond: (
    request: IncomingMessage,
    response: ServerResponse,
    rest: string,
    context: CaseContext,
  ) => void;
  /** What check() reports (with `send: true`). */
  readonly expect: CaseExpectation;
  /**
   * What Chromium reports as `corsError` when it differs from `expect.failedCheck` (null: the page
   * reads the response), and why.
   */
  readonly chromium?: { readonly corsError: CorsErrorName | null; readonly why: string };
}

const origin = (request: IncomingMessage): string => request.headers.origin ?? '*';
const preflight = (request: IncomingMessage): boolean =>
  request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;

/** Grants the request's origin, and on a preflight `grant` (204). */
function grant(
  request: IncomingMessage,
  response: ServerResponse,
  preflightHeaders: Record<string, string> = {},
): void {
  response.setHeader('Access-Control-Allow-Origin', origin(request));
  if (preflight(request)) {
    for (const [name, value] of Object.entries(preflightHeaders)) response.setHeader(name, value);
    response.statusCode = 204;
  }
  response.end(preflight(request) ? undefined : 'ok');
}

export const CASES: readonly Case[] = [
  {
    id: 'valid',
    title: 'a valid preflight and response',
    request: {
      method: 'PUT',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Debug', '1'],
      ],
      data: '{}',
    },
    respond: (req, res) =>
      grant(req, res, {
        'Access-Control-Allow-Methods': 'GET, PUT',
        'Access-Control-Allow-Headers': 'Content-Type, X-Debug',
      }),
    expect: { verdict: 'allow', failedCheck: null, commonError: null },
  },
  {
    id: 'credentials-granted',
    title: 'a credentialed request granted with Access-Control-Allow-Credentials: true',
    request: { headers: [['X-Debug', '1']], credentials: true },
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      grant(req, res, { 'Access-Control-Allow-Headers': 'x-debug' });
    },
    expect: { verdict: 'allow', failedCheck: null, commonError: null },
  },
  {
    id: 'missing-acao',
    title: 'no Access-Control-Allow-Origin',
    request: {},
    respond: (_req, res) => res.end('ok'),
    expect: {
      verdict: 'block',
      failedCheck: 'MissingAllowOriginHeader',
      failedParameter: '',
      commonError: 'no-allow-origin',
    },
  },
  {
    id: 'two-acao',
    title: 'two Access-Control-Allow-Origin field lines, both the origin',
    request: {},
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Origin', [origin(req), origin(req)]);
      res.end('ok');
    },
    expect: { verdict: 'block', failedCheck: 'MultipleAllowOriginValues', commonError: 'other' },
  },
  {
    id: 'wildcard-credentials',
    title: 'Access-Control-Allow-Origin: * with credentials',
    request: { credentials: true },
    respond: (_req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.end('ok');
    },
    expect: {
      verdict: 'block',
      failedCheck: 'WildcardOriginNotAllowed',
      failedParameter: '',
      commonError: 'credentials-refused',
    },
  },
  {
    id: 'acac-capitalized',
    title: 'Access-Control-Allow-Credentials: True',
    request: { credentials: true },
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Origin', origin(req));
      res.setHeader('Access-Control-Allow-Credentials', 'True');
      res.end('ok');
    },
    expect: {
      verdict: 'block',
      failedCheck: 'InvalidAllowCredentials',
      failedParameter: 'True',
      commonError: 'credentials-refused',
    },
  },
  {
    id: 'preflight-404',
    title: 'a preflight answered 404 without CORS headers',
    request: { method: 'PUT', data: 'x' },
    respond: (req, res) => {
      if (preflight(req)) res.statusCode = 404;
      res.end();
    },
    expect: {
      verdict: 'block',
      failedCheck: 'PreflightMissingAllowOriginHeader',
      failedParameter: '',
      commonError: 'no-allow-origin',
    },
  },
  {
    id: 'preflight-404-with-origin',
    title: 'a preflight answered 404 with a valid Access-Control-Allow-Origin',
    request: { method: 'PUT', data: 'x' },
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Origin', origin(req));
      res.setHeader('Access-Control-Allow-Methods', 'PUT');
      if (preflight(req)) res.statusCode = 404;
      res.end();
    },
    expect: {
      verdict: 'block',
      failedCheck: 'PreflightInvalidStatus',
      failedParameter: '',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'preflight-redirect',
    title: 'a redirected preflight',
    request: { method: 'PUT', data: 'x' },
    respond: (req, res, rest) => {
      if (rest === '' && preflight(req)) {
        res.statusCode = 307;
        res.setHeader('Location', '/case/preflight-redirect/elsewhere');
        res.setHeader('Access-Control-Allow-Origin', origin(req));
        res.end();
        return;
      }
      grant(req, res, { 'Access-Control-Allow-Methods': 'PUT' });
    },
    expect: {
      verdict: 'block',
      failedCheck: 'PreflightDisallowedRedirect',
      failedParameter: '',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'method-missing',
    title: 'the method missing from Access-Control-Allow-Methods',
    request: { method: 'DELETE' },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Methods': 'GET, POST' }),
    expect: {
      verdict: 'block',
      failedCheck: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'DELETE',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'method-lowercase-listed',
    title: 'Access-Control-Allow-Methods: put, for a PUT',
    request: { method: 'put', data: 'x' },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Methods': 'put' }),
    expect: {
      verdict: 'block',
      failedCheck: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'PUT',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'method-patch-lowercase',
    title: 'a lowercase patch against Access-Control-Allow-Methods: PATCH',
    request: { method: 'patch', data: 'x' },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Methods': 'PATCH' }),
    expect: {
      verdict: 'block',
      failedCheck: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'patch',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'header-missing',
    title: 'a header missing from Access-Control-Allow-Headers',
    request: { headers: [['X-Debug', 'on']] },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Headers': 'content-type' }),
    expect: {
      verdict: 'block',
      failedCheck: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-debug',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'wildcard-authorization',
    title: 'Access-Control-Allow-Headers: * and an Authorization header',
    request: { headers: [['Authorization', 'Bearer token']] },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Headers': '*' }),
    expect: {
      verdict: 'block',
      failedCheck: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'authorization',
      commonError: 'preflight-failed',
    },
    chromium: {
      corsError: null,
      why: 'Chromium lets * cover Authorization (its CorsNonWildcardRequestHeadersSupport feature is off)',
    },
  },
  {
    id: 'wildcard-headers-credentials',
    title: 'Access-Control-Allow-Headers: * with credentials',
    request: { headers: [['X-Debug', 'on']], credentials: true },
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      grant(req, res, { 'Access-Control-Allow-Headers': '*' });
    },
    expect: {
      verdict: 'block',
      failedCheck: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-debug',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'wildcard-methods-credentials',
    title: 'Access-Control-Allow-Methods: * with credentials',
    request: { method: 'DELETE', credentials: true },
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      grant(req, res, { 'Access-Control-Allow-Methods': '*' });
    },
    expect: {
      verdict: 'block',
      failedCheck: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'DELETE',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'invalid-allow-methods',
    title: 'an Access-Control-Allow-Methods that is not a list of tokens',
    request: { method: 'DELETE' },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Methods': 'GET;DELETE' }),
    expect: {
      verdict: 'block',
      failedCheck: 'InvalidAllowMethodsPreflightResponse',
      failedParameter: '',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'invalid-allow-headers',
    title: 'an Access-Control-Allow-Headers that is not a list of tokens',
    request: { headers: [['X-Debug', 'on']] },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Headers': 'x-debug x-other' }),
    expect: {
      verdict: 'block',
      failedCheck: 'InvalidAllowHeadersPreflightResponse',
      failedParameter: '',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'preflight-no-credentials',
    title: 'a credentialed preflight without Access-Control-Allow-Credentials',
    request: { method: 'DELETE', credentials: true },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Methods': 'DELETE' }),
    expect: {
      verdict: 'block',
      failedCheck: 'PreflightInvalidAllowCredentials',
      failedParameter: '',
      commonError: 'credentials-refused',
    },
  },
  {
    id: 'preflight-wildcard-credentials',
    title: 'a credentialed preflight answered Access-Control-Allow-Origin: *',
    request: { method: 'DELETE', credentials: true },
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'DELETE');
      res.statusCode = preflight(req) ? 204 : 200;
      res.end();
    },
    expect: {
      verdict: 'block',
      failedCheck: 'PreflightWildcardOriginNotAllowed',
      failedParameter: '',
      commonError: 'credentials-refused',
    },
  },
  {
    id: 'preflight-two-acao',
    title: 'a preflight with two Access-Control-Allow-Origin lines',
    request: { method: 'DELETE' },
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Origin', [origin(req), 'https://other.example']);
      res.setHeader('Access-Control-Allow-Methods', 'DELETE');
      res.statusCode = 204;
      res.end();
    },
    expect: {
      verdict: 'block',
      failedCheck: 'PreflightMultipleAllowOriginValues',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'acao-trailing-slash',
    title: 'Access-Control-Allow-Origin with a trailing slash',
    request: {},
    respond: (req, res) => {
      res.setHeader('Access-Control-Allow-Origin', `${origin(req)}/`);
      res.end('ok');
    },
    expect: { verdict: 'block', failedCheck: 'AllowOriginMismatch', commonError: 'other' },
  },
  {
    id: 'acao-not-an-origin',
    title: 'Access-Control-Allow-Origin that is not a URL',
    request: {},
    respond: (_req, res) => {
      res.setHeader('Access-Control-Allow-Origin', 'app.example.com');
      res.end('ok');
    },
    expect: {
      verdict: 'block',
      failedCheck: 'InvalidAllowOriginValue',
      failedParameter: 'app.example.com',
      commonError: 'other',
    },
  },
  {
    id: 'acao-null',
    title: 'Access-Control-Allow-Origin: null for a page that has an origin',
    request: {},
    respond: (_req, res) => {
      res.setHeader('Access-Control-Allow-Origin', 'null');
      res.end('ok');
    },
    expect: {
      verdict: 'block',
      failedCheck: 'AllowOriginMismatch',
      failedParameter: 'null',
      commonError: 'other',
    },
  },
  {
    id: 'error-status-readable',
    title: 'a 500 with Access-Control-Allow-Origin is readable',
    request: {},
    respond: (req, res) => {
      res.statusCode = 500;
      res.setHeader('Access-Control-Allow-Origin', origin(req));
      res.end('boom');
    },
    expect: { verdict: 'allow', failedCheck: null, commonError: null },
  },
  {
    id: 'redirect-chain',
    title: 'a same-origin hop, then a cross-origin hop that taints the origin',
    request: { path: '/start' },
    respond: (req, res, rest, context) => {
      if (rest === '/start') {
        res.statusCode = 302;
        res.setHeader('Location', '/case/redirect-chain/middle');
      } else if (rest === '/middle') {
        res.statusCode = 307;
        res.setHeader('Location', `${context.other}/case/redirect-chain/end`);
      }
      // Every hop answers with the Origin it received: the last one receives `null`.
      res.setHeader('Access-Control-Allow-Origin', origin(req));
      res.end(rest === '/end' ? 'end' : undefined);
    },
    expect: { verdict: 'allow', failedCheck: null, commonError: null },
  },
  {
    id: 'redirect-chain-mismatch',
    title: 'a cross-origin hop answered with the page origin instead of null',
    request: { path: '/start' },
    respond: (req, res, rest, context) => {
      if (rest === '/start') {
        res.statusCode = 302;
        res.setHeader('Location', `${context.other}/case/redirect-chain-mismatch/end`);
        res.setHeader('Access-Control-Allow-Origin', origin(req));
        res.end();
        return;
      }
      if (rest === '/end') {
        res.statusCode = 302;
        res.setHeader('Location', `${context.self}/case/redirect-chain-mismatch/final`);
        res.setHeader('Access-Control-Allow-Origin', origin(req));
        res.end();
        return;
      }
      // The page's origin, as a server that ignores Origin: null would answer.
      res.setHeader('Access-Control-Allow-Origin', context.pageOrigin);
      res.end('final');
    },
    expect: {
      verdict: 'block',
      failedCheck: 'AllowOriginMismatch',
      commonError: 'other',
    },
  },
  {
    id: 'redirect-without-acao',
    title: 'a cross-origin redirect without Access-Control-Allow-Origin',
    request: {},
    respond: (_req, res) => {
      res.statusCode = 302;
      res.setHeader('Location', '/elsewhere');
      res.end();
    },
    expect: {
      verdict: 'block',
      failedCheck: 'MissingAllowOriginHeader',
      failedParameter: '',
      commonError: 'no-allow-origin',
    },
  },
  {
    id: 'redirect-credentials',
    title: 'a redirect to a URL with a username and password',
    request: {},
    respond: (req, res, _rest, context) => {
      res.statusCode = 302;
      res.setHeader('Location', context.self.replace('://', '://user:secret@'));
      res.setHeader('Access-Control-Allow-Origin', origin(req));
      res.end();
    },
    expect: {
      verdict: 'block',
      failedCheck: 'RedirectContainsCredentials',
      failedParameter: '',
      commonError: 'other',
    },
  },
  {
    id: 'range-suffix',
    title: 'Range: bytes=-5 is not safelisted, and not allowed',
    request: { headers: [['Range', 'bytes=-5']] },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Headers': 'x-other' }),
    expect: {
      verdict: 'block',
      failedCheck: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'range',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'acao-empty',
    title: 'an empty Access-Control-Allow-Origin',
    request: {},
    respond: (_req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '');
      res.end('ok');
    },
    expect: {
      verdict: 'block',
      failedCheck: 'InvalidAllowOriginValue',
      failedParameter: '',
      commonError: 'other',
    },
  },
  {
    id: 'allow-methods-empty-elements',
    title: 'empty elements in Access-Control-Allow-Methods are skipped',
    request: { method: 'DELETE' },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Methods': ' , DELETE ,, ' }),
    expect: { verdict: 'allow', failedCheck: null, commonError: null },
  },
  {
    id: 'content-type-quoted',
    title: 'a multipart Content-Type with a quoted boundary (a CORS-unsafe byte)',
    request: {
      method: 'POST',
      headers: [['Content-Type', 'multipart/form-data; boundary="b"']],
      data: 'x',
    },
    respond: (req, res) => grant(req, res),
    expect: {
      verdict: 'block',
      failedCheck: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'content-type',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'accept-over-128',
    title: 'an Accept value of 129 bytes',
    request: { headers: [['Accept', `text/html;q=0.9,${'a'.repeat(113)}`]] },
    respond: (req, res) => grant(req, res, { 'Access-Control-Allow-Headers': 'x-other' }),
    expect: {
      verdict: 'block',
      failedCheck: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'accept',
      commonError: 'preflight-failed',
    },
  },
  {
    id: 'see-other',
    title: 'a 303 turns a POST into a GET without its body headers',
    request: { method: 'POST', data: 'x' },
    respond: (req, res, rest) => {
      if (rest === '') {
        res.statusCode = 303;
        res.setHeader('Location', '/case/see-other/result');
      }
      grant(req, res);
    },
    expect: { verdict: 'allow', failedCheck: null, commonError: null },
  },
  {
    id: 'tainted-preflight',
    title: 'a preflighted request redirected cross-origin is preflighted again with Origin: null',
    request: { method: 'PUT', data: 'x' },
    respond: (req, res, rest, context) => {
      if (rest === '' && !preflight(req)) {
        res.statusCode = 307;
        res.setHeader('Location', `${context.other}/case/tainted-preflight/end`);
      }
      grant(req, res, { 'Access-Control-Allow-Methods': 'PUT' });
    },
    expect: { verdict: 'allow', failedCheck: null, commonError: null },
  },
  {
    id: 'simple-post',
    title: 'a text/plain POST needs no preflight',
    request: { method: 'POST', data: 'hello' },
    respond: (req, res) => {
      if (preflight(req)) {
        res.statusCode = 500;
        res.end();
        return;
      }
      grant(req, res);
    },
    expect: { verdict: 'allow', failedCheck: null, commonError: null },
  },
];

export interface CaseServers {
  /** Base URL of the main server (`http://127.0.0.1:PORT`). */
  readonly main: string;
  /** Base URL of a second server: another origin. */
  readonly other: string;
  /** What each server received, in order. */
  readonly log: {
    method: string;
    url: string;
    origin: string | undefined;
    acrm?: string;
    acrh?: string;
  }[];
  close(): Promise<void>;
}

/**
 * Starts both servers. `pageOrigin` is what `redirect-chain-mismatch` answers with (the page's
 * origin, which it ignores the `null` Origin for).
 */
export async function startCaseServers(pageOrigin: string): Promise<CaseServers> {
  const log: CaseServers['log'] = [];
  const servers: Server[] = [];
  const bases: string[] = [];
  const handler =
    (index: number) =>
    (request: IncomingMessage, response: ServerResponse): void => {
      const url = request.url ?? '/';
      log.push({
        method: request.method ?? '',
        url: `${bases[index]}${url}`,
        origin: request.headers.origin,
        ...(request.headers['access-control-request-method'] === undefined
          ? {}
          : { acrm: request.headers['access-control-request-method'] }),
        ...(request.headers['access-control-request-headers'] === undefined
          ? {}
          : { acrh: request.headers['access-control-request-headers'] }),
      });
      const match = /^\/case\/([a-z0-9-]+)(\/[^?]*)?/.exec(url);
      const found = match === null ? undefined : CASES.find((c) => c.id === match[1]);
      if (found === undefined || match === null) {
        response.statusCode = 404;
        response.end('no such case');
        return;
      }
      const context = {
        self: bases[index] as string,
        other: bases[1 - index] as string,
        pageOrigin,
      };
      found.respond(request, response, match[2] ?? '', context);
    };
  for (let index = 0; index < 2; index++) {
    const server = createServer(handler(index));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  return {
    main: bases[0] as string,
    other: bases[1] as string,
    log,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}

/** The URL of a case on the main server. */
export function caseUrl(servers: CaseServers, item: Case): string {
  return `${servers.main}/case/${item.id}${item.request.path ?? ''}`;
}
