import { fileURLToPath } from 'node:url';
import { send } from '@corsica/cors-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootExample } from '../../_support/boot.ts';

const APP = 'https://app.example.com';

describe('the express example', () => {
  let example;
  beforeAll(async () => {
    example = await bootExample(fileURLToPath(new URL('..', import.meta.url)));
  });
  afterAll(() => example?.stop());

  it('answers a preflight for PUT /api/items/:id', async () => {
    const response = await send(example.url, {
      method: 'OPTIONS',
      path: '/api/items/1',
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
    expect(response.headers['vary']).toEqual([
      'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    ]);
  });

  it('lets the allowed origin read GET /api/me with its cookie', async () => {
    const response = await send(example.url, {
      method: 'GET',
      path: '/api/me',
      headers: { Origin: APP, Cookie: 'session=ada' },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ user: 'ada' });
    expect(response.headers['access-control-allow-origin']).toEqual([APP]);
    expect(response.headers['access-control-allow-credentials']).toEqual(['true']);
    expect(response.headers['access-control-expose-headers']).toEqual(['X-Request-Id']);
    expect(response.headers['vary']).toEqual(['Origin']);
  });

  it('gives another origin no access, with Vary: Origin for caches', async () => {
    const response = await send(example.url, {
      method: 'GET',
      path: '/api/me',
      headers: { Origin: 'https://evil.example.net', Cookie: 'session=ada' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['vary']).toEqual(['Origin']);
  });
});
