import type { AdapterHarness } from '@corsica/cors-testkit';
import { APP, exchange, fromOrigin, listen } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import type { Context } from 'koa';
import Koa from 'koa';
import Koa2 from 'koa2';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import type { KoaClass } from './support/majors.ts';
import { koaMajors, serving } from './support/majors.ts';
import { testApp } from './support/test-app.ts';

function harness(name: string, KoaMajor: KoaClass): AdapterHarness {
  return {
    name,
    hostOf: (ctx) => (ctx as Context).host,
    start: async (policy, { maxHeaderSize }) =>
      listen(testApp(KoaMajor, cors(policy)).callback(), maxHeaderSize),
  };
}

/**
 * Koa itself answers `GET http://[/x` with 500, CORS layer or not: `ctx.path` parses the target
 * with `url.parse`, which throws `Invalid URL`, and @koa/router reads `ctx.path`. That case is
 * checked below for what the CORS layer controls (no grant) instead of the kit's "no 5xx".
 */
const koaOwn500 = (id: string): boolean => id !== 'target-malformed-absolute';

describeConformance(harness('koa 3', Koa), { filter: koaOwn500 });
describeConformance(harness('koa 2', Koa2), { filter: koaOwn500 });

describe.each(koaMajors)('%s: an absolute-form target koa cannot parse', (_name, KoaMajor) => {
  const policy = {
    origins: [APP],
    routes: [{ path: '/api/public/*', origins: '*' as const }],
  };
  const requests = [
    fromOrigin(APP, 'GET', 'http://[/x'),
    { method: 'GET', path: 'http://[/x', headers: {} },
  ];

  it('is a 500 from koa itself, without any CORS layer', async () => {
    const responses = await exchange(
      serving(testApp(KoaMajor, (_ctx, next) => next())),
      ...requests,
    );
    expect(responses.map((r) => r.status)).toEqual([500, 500]);
  });

  it('is the same 500 with the CORS layer, which grants nothing on it', async () => {
    const responses = await exchange(serving(testApp(KoaMajor, cors(policy))), ...requests);
    expect(responses.map((r) => r.status)).toEqual([500, 500]);
    for (const response of responses) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
