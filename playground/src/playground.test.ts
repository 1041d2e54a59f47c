import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeList, PlaygroundConfig, PolicyUpdate } from './page/types.ts';
import { TOKEN_HEADER } from './page/types.ts';
import type { RunningPlayground } from './playground.ts';
import { startPlayground } from './playground.ts';
import { request } from './test-support/http.ts';

let playground: RunningPlayground;
let pageOrigin: string;
let otherOrigin: string;

beforeAll(async () => {
  playground = await startPlayground({ port: 0 });
  pageOrigin = playground.url.slice(0, -1);
  otherOrigin = playground.otherUrl.slice(0, -1);
});
afterAll(() => playground?.close());

/** A policy edit exactly as the page sends it, with `change` applied to its headers. */
function edit(
  options: unknown,
  change: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return request(`${pageOrigin}/control/policy`, {
    method: 'POST',
    headers: {
      origin: pageOrigin,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
      [TOKEN_HEADER]: playground.token,
      ...change,
    },
    body: JSON.stringify({ options }),
  });
}

const revisions = (): number[] => playground.policies.map((policy) => policy.revision);

async function exchangesSince(since: number, adapter: string): Promise<ExchangeList> {
  const answer = await request(`${pageOrigin}/api/exchanges?since=${since}&adapter=${adapter}`, {
    headers: { [TOKEN_HEADER]: playground.token },
  });
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body) as ExchangeList;
}

describe('the page', () => {
  it.each(['url', 'otherUrl'] as const)(
    'is served on %s with the token and the demo cookie',
    async (key) => {
      const answer = await request(playground[key]);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain(
        `<meta name="playground-token" content="${playground.token}" />`,
      );
      expect(answer.headers['set-cookie']?.[0]).toMatch(
        /^corsica_playground=session-[0-9a-f]{8}; Path=\/; SameSite=Lax; HttpOnly$/,
      );
    },
  );

  it('loads nothing from another machine: its CSP names only the playground and its API servers', async () => {
    const answer = await request(playground.url);
    const apis = playground.adapters.map((adapter) => adapter.url).join(' ');
    expect(answer.headers['content-security-policy']).toBe(
      `default-src 'self'; connect-src 'self' ${apis}; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    );
    expect(answer.body).not.toMatch(/https?:\/\/(?!localhost)/);
  });

  it('serves its compiled scripts', async () => {
    const answer = await request(`${pageOrigin}/page/app.js`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.body).toContain('from "./outcome.js"');
  });

  it('announces one API server per adapter, on localhost, in /config.json', async () => {
    const config = JSON.parse(
      (await request(`${pageOrigin}/config.json`)).body,
    ) as PlaygroundConfig;
    expect(config.adapters.map((adapter) => adapter.id)).toEqual([
      'express',
      'koa',
      'fastify',
      'node-http',
      'hono',
      'nest-express',
      'nest-fastify',
    ]);
    for (const adapter of config.adapters) expect(adapter.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(new Set(config.adapters.map((adapter) => adapter.url)).size).toBe(7);
    expect(config.pageOrigin).toBe(pageOrigin);
    expect(config.otherPageOrigin).toBe(otherOrigin);
    expect(config.policy.revision).toBe(1);
    expect(config.policy.options['origins']).toEqual([pageOrigin]);
  });
});

describe('the records of what each server saw', () => {
  it.each(['express', 'koa', 'fastify', 'node-http', 'hono', 'nest-express', 'nest-fastify'])(
    '%s: the preflight and the actual request, their headers, and the decisions',
    async (id) => {
      const api = playground.adapters.find((adapter) => adapter.id === id)?.url as string;
      const { latest } = await exchangesSince(0, id);
      const path = `/${id}/r1/json-post?run=test`;
      const preflight = await request(`${api}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: pageOrigin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
      expect(preflight.status).toBe(204);
      const actual = await request(`${api}${path}`, {
        method: 'POST',
        headers: { Origin: pageOrigin, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(actual.status).toBe(200);

      const [options, post, ...rest] = (await exchangesSince(latest, id)).exchanges;
      expect(rest).toEqual([]);
      expect(options).toMatchObject({ method: 'OPTIONS', url: path, preflight: true, status: 204 });
      expect(options?.requestHeaders).toContainEqual(['Origin', pageOrigin]);
      expect(options?.requestHeaders).toContainEqual(['Access-Control-Request-Method', 'POST']);
      expect(options?.responseHeaders).toContainEqual(['access-control-allow-origin', pageOrigin]);
      expect(options?.responseHeaders).toContainEqual([
        'access-control-allow-headers',
        'content-type',
      ]);
      expect(options?.responseHeaders).toContainEqual(['access-control-max-age', '600']);
      expect(options?.reachedHandler).toBe(false);
      expect(options?.decision).toMatchObject({
        kind: 'preflight',
        allowed: true,
        status: 204,
        revision: 1,
      });
      // The wording is the core's (cors.explain); the playground shows it as is.
      expect(options?.decision?.explanation).toContain(
        `Preflight allowed by origins entry "${pageOrigin}"`,
      );

      expect(post).toMatchObject({ method: 'POST', url: path, preflight: false, status: 200 });
      expect(post?.reachedHandler).toBe(true);
      expect(post?.responseHeaders).toContainEqual(['access-control-allow-origin', pageOrigin]);
      expect(post?.responseHeaders).toContainEqual([
        'access-control-expose-headers',
        'X-Request-Id',
      ]);
      expect(post?.responseHeaders).toContainEqual([
        'x-internal-trace',
        expect.stringMatching(/^trace-\d+$/),
      ]);
      expect(post?.decision).toMatchObject({ kind: 'actual', allowed: true, reason: null });
    },
  );

  it('a denied preflight: the reason, the offending origin, and the fix', async () => {
    const api = playground.adapters[0]?.url as string;
    const { latest } = await exchangesSince(0, 'express');
    const answer = await request(`${api}/express/r1/json-post`, {
      method: 'OPTIONS',
      headers: { Origin: otherOrigin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(answer.status).toBe(403);
    const [denied] = (await exchangesSince(latest, 'express')).exchanges;
    expect(denied?.status).toBe(403);
    expect(denied?.responseHeaders.map(([name]) => name)).not.toContain(
      'access-control-allow-origin',
    );
    expect(denied?.decision).toMatchObject({
      kind: 'preflight',
      allowed: false,
      reason: 'origin-not-allowed',
      value: otherOrigin,
    });
    expect(denied?.decision?.explanation).toContain(`add "${otherOrigin}" to origins`);
  });
});

describe('the control endpoint', () => {
  const valid = () => ({ origins: [otherOrigin], credentials: false, maxAge: 60 });

  it('refuses a cross-origin text/plain POST, and every policy stays as it was', async () => {
    const answer = await request(`${pageOrigin}/control/policy`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ options: valid() }),
    });
    expect(answer).toMatchObject({
      status: 403,
      body: 'Origin "https://evil.example" may not change the policy\n',
    });
    expect(revisions()).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('answers no preflight (no CORS header at all), so a cross-origin JSON request is never sent', async () => {
    const answer = await request(`${pageOrigin}/control/policy`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': `content-type,${TOKEN_HEADER}`,
      },
    });
    expect(answer.status).toBe(405);
    expect(
      Object.keys(answer.headers).filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);
  });

  it.each(['/', '/config.json', '/control/policy', '/api/exchanges'])(
    'refuses a wrong Host (DNS rebinding) on %s',
    async (path) => {
      const port = new URL(playground.url).port;
      const answer = await request(`${pageOrigin}${path}`, {
        method: path === '/control/policy' ? 'POST' : 'GET',
        headers: {
          host: `evil.example:${port}`,
          origin: `http://evil.example:${port}`,
          'content-type': 'application/json',
          [TOKEN_HEADER]: playground.token,
        },
        body: path === '/control/policy' ? JSON.stringify({ options: valid() }) : undefined,
      });
      expect(answer).toMatchObject({
        status: 403,
        body: `Host "evil.example:${port}" is not this playground's\n`,
      });
      expect(revisions()).toEqual([1, 1, 1, 1, 1, 1, 1]);
    },
  );

  it.each([
    ['a missing token', { [TOKEN_HEADER]: '' }],
    ['a wrong token', { [TOKEN_HEADER]: `${'x'.repeat(43)}` }],
  ])('refuses %s, on writes and on reads', async (_name, change) => {
    const write = await edit(valid(), change);
    expect(write).toMatchObject({
      status: 403,
      body: 'missing or wrong playground token (reload the page)\n',
    });
    const read = await request(`${pageOrigin}/api/exchanges`, { headers: change });
    expect(read.status).toBe(403);
    expect(revisions()).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('refuses text/plain even from the page with its token', async () => {
    const answer = await edit(valid(), { 'content-type': 'text/plain' });
    expect(answer.status).toBe(415);
    expect(revisions()).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it("refuses the handle's own settings", async () => {
    const answer = await edit({ ...valid(), log: 'all' });
    expect(answer).toMatchObject({
      status: 400,
      body: "log is the playground's own; leave it out\n",
    });
  });

  it('answers invalid options with the problems and explainConfigError, and keeps the policy', async () => {
    const answer = await edit({ origins: ['HTTP://App.Example'], maxAge: 'ten' });
    expect(answer.status).toBe(422);
    const update = JSON.parse(answer.body) as PolicyUpdate;
    expect(update.applied).toBe(false);
    if (update.applied) return;
    expect(update.problems.map(({ code, option, value }) => [code, option, value])).toEqual([
      ['origin-uppercase', 'origins[0]', 'HTTP://App.Example'],
      ['max-age-invalid', 'maxAge', 'ten'],
    ]);
    expect(update.explanation).toMatch(
      /^Invalid CORS policy given to cors\.reconfigure\(\) \(2 problems\):/,
    );
    expect(update.policy.revision).toBe(1);
    expect(revisions()).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('puts valid options in force on every server: the next preflight and actual request follow them', async () => {
    const answer = await edit(valid());
    expect(answer.status).toBe(200);
    const update = JSON.parse(answer.body) as PolicyUpdate;
    expect(update.applied).toBe(true);
    expect(update.policy.revision).toBe(2);
    expect(update.policy.options).toMatchObject({
      origins: [otherOrigin],
      credentials: false,
      maxAge: 60,
    });
    expect(revisions()).toEqual([2, 2, 2, 2, 2, 2, 2]);
    for (const { id, url } of playground.adapters) {
      const now = await request(`${url}/${id}/r2/json-post`, {
        method: 'OPTIONS',
        headers: { Origin: otherOrigin, 'Access-Control-Request-Method': 'PUT' },
      });
      // PUT is no longer listed: the new policy, not the old one, answers.
      expect([id, now.status]).toEqual([id, 403]);
      const allowed = await request(`${url}/${id}/r2/json-post`, {
        method: 'OPTIONS',
        headers: { Origin: otherOrigin, 'Access-Control-Request-Method': 'POST' },
      });
      expect([
        id,
        allowed.status,
        allowed.headers['access-control-allow-origin'],
        allowed.headers['access-control-max-age'],
      ]).toEqual([id, 204, otherOrigin, '60']);
      const actual = await request(`${url}/${id}/r2/simple-get`, {
        headers: { Origin: pageOrigin },
      });
      expect([id, actual.status, actual.headers['access-control-allow-origin']]).toEqual([
        id,
        200,
        undefined,
      ]);
      expect(JSON.parse(actual.body)).toMatchObject({ adapter: id, revision: 2 });
    }
  });
});
