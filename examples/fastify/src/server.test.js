import { EVIL, fromOrigin, send } from '@corsica/cors-testkit';
import { expect, it } from 'vitest';
import { describeExample, ITEMS_API } from '../../_support/boot.ts';

const spec = { ...ITEMS_API, dir: new URL('..', import.meta.url) };

describeExample('the fastify example', spec, (url) => {
  it("lets any site read /api/status, anonymously, through the route's config.cors", async () => {
    const response = await send(url(), fromOrigin(EVIL, 'GET', '/api/status'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ up: true });
    expect(response.headers['access-control-allow-origin']).toEqual(['*']);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['vary']).toBeUndefined();
  });
});
