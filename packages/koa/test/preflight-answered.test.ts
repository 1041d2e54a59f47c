import { APP, EVIL, exchange, preflight } from '@corsica/cors-testkit';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import type { KoaClass } from './support/majors.ts';
import { koaMajors, serving } from './support/majors.ts';

/**
 * Mutation survivor (issue 12): the middleware must return once it has answered a preflight. If it
 * went on, the wire would look the same, but it would write headers to a finished response and
 * call `next()`: downstream middleware would run for a request already answered, and koa would emit
 * an app `error` ("Cannot set headers after they are sent") that the kit's silent test apps never
 * show. This app is not silent: it records every error event and every downstream call.
 */
function recordingApp(Koa: KoaClass) {
  const errors: unknown[] = [];
  const downstream: string[] = [];
  const app = new Koa();
  app.on('error', (error: unknown) => errors.push(error));
  app.use(cors({ origins: [APP], methods: ['PUT'], rejectDisallowed: true }));
  app.use((ctx) => {
    downstream.push(`${ctx.method} ${ctx.get('origin')}`);
    ctx.body = 'ran';
  });
  return { app, errors, downstream };
}

describe.each(koaMajors)('%s: a response the CORS layer answers', (_name, Koa) => {
  it('an allowed preflight ends in the middleware: no next(), no app error event', async () => {
    const { app, errors, downstream } = recordingApp(Koa);
    const [response] = await exchange(serving(app), preflight(APP, 'PUT'));
    expect(response?.status).toBe(204);
    expect(response?.headers['access-control-allow-methods']).toStrictEqual(['PUT']);
    expect(downstream).toStrictEqual([]);
    expect(errors).toStrictEqual([]);
  });

  it('a denied preflight and a rejected request end there too', async () => {
    const { app, errors, downstream } = recordingApp(Koa);
    const responses = await exchange(serving(app), preflight(EVIL, 'PUT'), {
      method: 'GET',
      path: '/api/items',
      headers: { Origin: EVIL },
    });
    expect(responses.map((r) => r.status)).toStrictEqual([403, 403]);
    expect(downstream).toStrictEqual([]);
    expect(errors).toStrictEqual([]);
  });

  it('any other request reaches downstream middleware once', async () => {
    const { app, errors, downstream } = recordingApp(Koa);
    const responses = await exchange(serving(app), {
      method: 'GET',
      path: '/api/items',
      headers: { Origin: APP },
    });
    expect(responses.map((r) => [r.status, r.body])).toStrictEqual([[200, 'ran']]);
    expect(downstream).toStrictEqual([`GET ${APP}`]);
    expect(errors).toStrictEqual([]);
  });
});

/**
 * Mutation survivor: with `ctx.respond` left on, koa would answer after the middleware, with a body
 * of its own (`OK`, `Forbidden`) for any status but 204, and without `Content-Length: 0` on a 204.
 */
describe.each(koaMajors)('%s: an answered preflight is framed as decided', (_name, Koa) => {
  it.each([
    [204, {}],
    [200, { successStatus: 200 }],
  ])('success status %s: empty body, Content-Length: 0', async (status, preflightOptions) => {
    const app = new Koa();
    app.use(cors({ origins: [APP], methods: ['PUT'], preflight: preflightOptions }));
    const [response] = await exchange(serving(app), preflight(APP, 'PUT'));
    expect([response?.status, response?.body, response?.headers['content-length']]).toStrictEqual([
      status,
      '',
      ['0'],
    ]);
  });

  it('a denied preflight: 403, empty body, Content-Length: 0', async () => {
    const app = new Koa();
    app.use(cors({ origins: [APP], methods: ['PUT'] }));
    const [response] = await exchange(serving(app), preflight(EVIL, 'PUT'));
    expect([response?.status, response?.body, response?.headers['content-length']]).toStrictEqual([
      403,
      '',
      ['0'],
    ]);
  });
});
