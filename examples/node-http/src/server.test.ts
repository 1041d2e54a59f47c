import { fileURLToPath } from 'node:url';
import { send } from '@corsica/cors-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedExample } from '../../_support/boot.ts';
import { bootExample } from '../../_support/boot.ts';

const APP = 'https://app.example.com';
let example: BootedExample;

beforeAll(async () => {
  example = await bootExample(fileURLToPath(new URL('..', import.meta.url)));
});
afterAll(() => example.stop());

describe('the node:http example', () => {
  it('answers a preflight for PUT from the app', async () => {
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
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
      'access-control-allow-headers': ['content-type'],
      'access-control-max-age': ['600'],
      vary: ['Origin, Access-Control-Request-Method, Access-Control-Request-Headers'],
    });
  });

  it('lets the app read /api/me with its cookie, and exposes X-Request-Id', async () => {
    const response = await send(example.url, {
      method: 'GET',
      path: '/api/me',
      headers: { Origin: APP, Cookie: 'session=abc' },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toStrictEqual({ signedIn: true });
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-expose-headers': ['X-Request-Id'],
      vary: ['Origin'],
    });
  });

  it('shares nothing with another site', async () => {
    const response = await send(example.url, {
      method: 'GET',
      path: '/api/me',
      headers: { Origin: 'https://evil.example.net' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers.vary).toStrictEqual(['Origin']);
  });
});
