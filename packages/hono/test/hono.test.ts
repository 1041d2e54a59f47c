import type { CorsInput } from '@corsica/cors-core';
import type { AdapterHarness } from '@corsica/cors-testkit';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { vi } from 'vitest';
import { cors } from '../src/index.ts';
import { honoApp } from './hono-app.ts';
import { listenFetch } from './listen.ts';

/** An HTTPException carrying its own Response: Hono's default error handler answers with it. */
function throwWithHeaders(): never {
  const res = new Response('gone', { status: 404, headers: { Vary: 'Accept-Language' } });
  throw new HTTPException(404, { res });
}

function throwNonError(): never {
  throw 'boom';
}

/**
 * The kit's test application with handlers returning Response objects they build themselves; in
 * Hono's idiom (answering through the context) it is `honoApp` (hono-app.ts).
 */
function ownResponses(policy: CorsInput): Hono {
  const ran = (vary?: string): Response => {
    const headers = new Headers({ [HANDLER_MARKER]: HANDLER_RAN });
    if (vary !== undefined) headers.set('vary', vary);
    return new Response(HANDLER_RAN, { headers });
  };
  const app = new Hono();
  app.use('*', cors(policy));
  app.all('/api/*', () => ran());
  app.get('/get-only', () => ran());
  app.all('/vary', () => ran('Accept-Encoding'));
  app.all('/vary-replaced', () => ran('Accept-Encoding'));
  app.all('/throw', () => {
    throw new Error('handler failure');
  });
  app.all('/throw-with-headers', throwWithHeaders);
  app.all('/throw-non-error', throwNonError);
  const admin = (): Response => {
    const response = ran();
    response.headers.set('x-corsica-area', 'admin');
    return response;
  };
  app.all('/admin', admin);
  app.all('/admin/*', admin);
  return app;
}

function harness(name: string, build: (policy: CorsInput) => Hono): AdapterHarness {
  return {
    name,
    hostOf: (c) => (c as Context).req.header('host'),
    // async: the kit recognises an invalid policy only as a rejection, not as a synchronous throw.
    async start(policy, { maxHeaderSize }) {
      // Hono's default error handler logs what /throw throws; the kit checks the 500 it answers.
      vi.spyOn(console, 'error').mockImplementation(() => {});
      return listenFetch(build(policy).fetch, maxHeaderSize);
    },
  };
}

describeConformance(harness('hono (context responses)', honoApp));
describeConformance(harness('hono (own Response objects)', ownResponses));
