import { fileURLToPath } from 'node:url';
import { send } from '@corsica/cors-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootExample } from '../../_support/boot.ts';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';
let example;

beforeAll(async () => {
  example = await bootExample(fileURLToPath(new URL('..', import.meta.url)));
});

afterAll(() => example?.stop());

describe('the fastify example', () => {
  it('answers the preflight of PUT /api/items/:id before any route', async () => {
    const response = await send(example.url, {
      method: 'OPTIONS',
      path: '/api/items/7',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.body).toBe('');
    expect(response.headers['access-control-allow-origin']).toEqual([APP]);
    expect(response.headers['access-control-allow-credentials']).toEqual(['true']);
    expect(response.headers['access-control-allow-methods']).toEqual(['PUT']);
    expect(response.headers['access-control-allow-headers']).toEqual(['content-type']);
    expect(response.headers['access-control-max-age']).toEqual(['600']);
    expect(response.headers['access-control-expose-headers']).toBeUndefined();
    expect(response.headers['vary']).toEqual([
      'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    ]);
  });

  it('grants the actual PUT to the app, with credentials', async () => {
    const response = await send(example.url, {
      method: 'PUT',
      path: '/api/items/7',
      headers: { Origin: APP },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ id: '7' });
    expect(response.headers['access-control-allow-origin']).toEqual([APP]);
    expect(response.headers['access-control-allow-credentials']).toEqual(['true']);
    expect(response.headers['access-control-expose-headers']).toEqual(['X-Request-Id']);
    expect(response.headers['vary']).toEqual(['Origin']);
  });

  it('answers another origin without a grant, so its page cannot read /api/me', async () => {
    const response = await send(example.url, {
      method: 'GET',
      path: '/api/me',
      headers: { Origin: EVIL },
    });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['vary']).toEqual(['Origin']);
  });

  it("lets any site read /api/status, anonymously, through the route's config.cors", async () => {
    const response = await send(example.url, {
      method: 'GET',
      path: '/api/status',
      headers: { Origin: EVIL },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ up: true });
    expect(response.headers['access-control-allow-origin']).toEqual(['*']);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['vary']).toBeUndefined();
  });
});
