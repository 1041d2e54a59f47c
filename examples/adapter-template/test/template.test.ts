import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdapterHarness } from '@corsica/cors-testkit';
import {
  APP,
  AREA_ADMIN,
  AREA_MARKER,
  devLogLines,
  HANDLER_MARKER,
  HANDLER_RAN,
  listen,
  preflight,
} from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import withCorsByDefault, { CorsConfigError, createCors, withCors } from '../src/index.ts';

/**
 * The kit's test application as a plain node:http listener: paths compared literally, and what a
 * handler throws caught by the app itself (node:http has no error handling), answered with 500.
 */
function app(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?')[0] as string;
  const ran = (): void => {
    response.setHeader(HANDLER_MARKER, HANDLER_RAN);
    response.end(HANDLER_RAN);
  };
  try {
    if (path.startsWith('/api/')) ran();
    else if (path === '/get-only' && (request.method === 'GET' || request.method === 'HEAD')) ran();
    else if (path === '/vary') {
      response.appendHeader('vary', 'Accept-Encoding');
      ran();
    } else if (path === '/vary-replaced') {
      response.setHeader('Vary', 'Accept-Encoding');
      ran();
    } else if (path === '/throw') {
      throw new Error('handler failure');
    } else if (path === '/throw-with-headers') {
      response.writeHead(404, { Vary: 'Accept-Language' });
      response.end('gone');
    } else if (path === '/throw-non-error') {
      throw 'boom';
    } else if (path === '/admin' || path.startsWith('/admin/')) {
      response.setHeader(AREA_MARKER, AREA_ADMIN);
      ran();
    } else {
      response.statusCode = 404;
      response.end('not found');
    }
  } catch {
    response.statusCode = 500;
    response.end('internal error');
  }
}

const harness: AdapterHarness = {
  name: 'adapter template',
  hostOf: (request) => (request as IncomingMessage).headers.host,
  start: async (cors, { maxHeaderSize }) => listen(withCors(cors, app), maxHeaderSize),
};

describeConformance(harness);

describe('the exports', () => {
  it('has the adapter as default export too, and re-exports the core names', () => {
    expect(withCorsByDefault).toBe(withCors);
    expect(() => withCors({ origins: ['https://app.example.com/'] }, app)).toThrow(CorsConfigError);
    expect(() => withCors(createCors({ origins: [APP] }), app)).not.toThrow();
  });

  it('names the function the user called in a configuration error', () => {
    expect(() => withCors({ origins: [] }, app)).toThrow(/withCors\(\)/);
  });
});

describe('the development log', () => {
  afterEach(() => vi.restoreAllMocks());

  async function run(environment: 'development' | 'production'): Promise<readonly string[]> {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    return devLogLines(
      environment,
      async () => listen(withCors({ origins: [APP], methods: ['PUT'] }, app)),
      () => warn.mock.calls.map(([line]) => String(line)),
      preflight(APP, 'PUT', '/api/items', { 'Access-Control-Request-Headers': 'content-type' }),
    );
  }

  it('writes one line naming the reason and the fix for a denied preflight, in development', async () => {
    expect(await run('development')).toStrictEqual([
      'CORS preflight from "https://app.example.com" to "OPTIONS /api/items": Preflight denied: request header "content-type" is not allowed (the policy allows no request headers beyond the safelisted ones). Add "content-type" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.',
    ]);
  });

  it('writes nothing in production', async () => {
    expect(await run('production')).toStrictEqual([]);
  });
});
