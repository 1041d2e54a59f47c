import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CorsOptions } from '@corsica/cors-core';
import { withCors } from '@corsica/cors-node-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

/**
 * The three errors people hit most, each reproduced against a real server (Corsica's node:http
 * adapter, configured the way the mistake is usually made), and `corsica check` naming it and
 * printing the fix.
 */

const PAGE = 'https://app.example.com';

const answer = (_request: IncomingMessage, response: ServerResponse): void => {
  response.end('{"items":[]}');
};

/** An API behind an authentication layer that runs after CORS, preflights included. */
const behindAuthentication = (request: IncomingMessage, response: ServerResponse): void => {
  if (request.headers.authorization === undefined) {
    response.statusCode = 401;
    response.end('sign in first');
    return;
  }
  answer(request, response);
};

const SERVERS: Record<string, { options: CorsOptions<unknown>; app: RequestListener }> = {
  // The page's origin was never added.
  'unlisted-origin': { options: { origins: ['https://admin.example.com'] }, app: answer },
  // PUT was never added, so the preflight is refused.
  'put-not-listed': { options: { origins: [PAGE] }, app: answer },
  // preflight.continue hands the preflight to the app, whose authentication answers 401.
  'auth-before-preflight': {
    options: {
      origins: [PAGE],
      methods: ['PUT'],
      allowedHeaders: ['Authorization'],
      preflight: { continue: true },
    },
    app: behindAuthentication,
  },
  // Debug mode: the refused header comes back named, with a success status.
  'header-not-listed-debug': {
    options: { origins: [PAGE], allowedHeaders: ['Content-Type'], debug: true },
    app: answer,
  },
  // The origin is allowed, but credentials were never turned on.
  'no-credentials': { options: { origins: [PAGE] }, app: answer },
  // A public API: '*' never serves a credentialed request.
  'public-api': { options: { origins: '*' }, app: answer },
};

const running: Server[] = [];
const urls: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, { options, app }] of Object.entries(SERVERS)) {
    const server = createServer(withCors({ ...options, log: false }, app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    running.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/items`;
  }
});
afterAll(async () => {
  await Promise.all(
    running.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function check(server: string, ...args: string[]) {
  const url = urls[server] as string;
  const run = await runCli(['check', url, '--origin', PAGE, ...args]);
  return { ...run, url };
}

describe('no Access-Control-Allow-Origin header', () => {
  it('on the response to a GET from an origin the server does not list', async () => {
    const run = await check('unlisted-origin');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('failed check  MissingAllowOriginHeader\n');
    expect(run.stdout).toContain('common error  no-allow-origin\n');
    expect(run.stdout).toContain(
      'why           The response (status 200) has no Access-Control-Allow-Origin header.\n',
    );
    expect(run.stdout).toContain(
      'fix           Send `Access-Control-Allow-Origin: https://app.example.com` on this response (or `*` for a public resource), on error responses and redirects too.\n',
    );
  });

  it('on a refused preflight (403 without it): Chromium checks the origin before the status', async () => {
    const run = await check('put-not-listed', '-X', 'PUT');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('failed check  PreflightMissingAllowOriginHeader\n');
    expect(run.stdout).toContain('common error  no-allow-origin\n');
    expect(run.stdout).toContain(
      'A 403 to a preflight usually means authentication (or a CORS middleware refusing the origin, method or a header) answered before CORS did.',
    );
    expect(run.stdout).toContain(
      `fix           Answer OPTIONS ${run.url} with 204 and \`Access-Control-Allow-Origin: https://app.example.com\`, plus Access-Control-Allow-Methods / -Headers for what the page sends.`,
    );
  });
});

describe('the preflight did not succeed', () => {
  it('an authentication layer answers the preflight with 401', async () => {
    const run = await check('auth-before-preflight', '-X', 'PUT', '-H', 'Authorization: Bearer t');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('      ← 401 Unauthorized ✗\n');
    expect(run.stdout).toContain('failed check  PreflightInvalidStatus\n');
    expect(run.stdout).toContain('common error  preflight-failed\n');
    expect(run.stdout).toContain(
      'why           The preflight was answered 401: it needs an ok status (200–299). Its Access-Control-Allow-Origin was fine.\n',
    );
    expect(run.stdout).toContain(
      `fix           Answer OPTIONS ${run.url} with 204 (or 200). Frameworks answer 404 or 405 when no route handles OPTIONS, and 401 or 403 when authentication runs before CORS. The preflight is an OPTIONS request without cookies or Authorization: answer it before any authentication.\n`,
    );
  });

  it('a header the server does not allow, named by a server in debug mode', async () => {
    const run = await check(
      'header-not-listed-debug',
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Trace: 1',
      '--json',
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.preflight).toMatchObject({
      passed: false,
      requestHeaders: 'content-type,x-trace',
    });
    expect(result.hops[0].preflight.response.status).toBe(204);
    expect(result).toMatchObject({
      failedCheck: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-trace',
      commonError: 'preflight-failed',
      detail: 'The preflight response allows `content-type`, which does not allow `x-trace`.',
      fix: 'List the headers the page sends: `Access-Control-Allow-Headers: content-type, x-trace`.',
    });
  });
});

describe('credentials refused', () => {
  it('no Access-Control-Allow-Credentials: true on a credentialed request', async () => {
    const run = await check('no-credentials', '--credentials', '--cookie', 'session=1');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('failed check  InvalidAllowCredentials\n');
    expect(run.stdout).toContain('common error  credentials-refused\n');
    expect(run.stdout).toContain(
      "why           The request has credentials (credentials: 'include'), and the response has no Access-Control-Allow-Credentials header.\n",
    );
    expect(run.stdout).toContain(
      'fix           Add `Access-Control-Allow-Credentials: true` to the response, next to `Access-Control-Allow-Origin: https://app.example.com`.\n',
    );
  });

  it('Access-Control-Allow-Origin: * on a credentialed request', async () => {
    const run = await check('public-api', '--credentials');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('failed check  WildcardOriginNotAllowed\n');
    expect(run.stdout).toContain('common error  credentials-refused\n');
    expect(run.stdout).toContain(
      "fix           With credentials, echo the origin: `Access-Control-Allow-Origin: https://app.example.com` with `Access-Control-Allow-Credentials: true` and `Vary: Origin`. Or, if the page needs no cookies, drop credentials: 'include'.\n",
    );
  });

  it('the same requests without credentials are allowed', async () => {
    expect((await check('no-credentials')).code).toBe(0);
    expect((await check('public-api')).code).toBe(0);
  });
});
