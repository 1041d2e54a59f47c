import { fileURLToPath } from 'node:url';
import { send } from '@corsica/cors-testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BootedExample } from '../../_support/boot.ts';
import { bootExample } from '../../_support/boot.ts';

const APP = 'https://app.example.com';
const PREFLIGHT_VARY = ['Origin, Access-Control-Request-Method, Access-Control-Request-Headers'];

/** The response's Access-Control-* and Vary field lines. */
function corsHeadersOf(headers: Readonly<Record<string, readonly string[]>>) {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => name.startsWith('access-control-') || name === 'vary',
    ),
  );
}

describe.each(['express', 'fastify'])('the Nest example on %s', (platform) => {
  let example: BootedExample | undefined;
  beforeAll(async () => {
    vi.stubEnv('PLATFORM', platform);
    try {
      example = await bootExample(fileURLToPath(new URL('..', import.meta.url)), [
        'node',
        'dist/main.js',
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
  afterAll(() => example?.stop());

  it('answers a preflight for PUT /api/items/:id', async () => {
    const response = await send(example?.url ?? '', {
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
    expect(corsHeadersOf(response.headers)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
      'access-control-allow-headers': ['content-type'],
      'access-control-max-age': ['600'],
      vary: PREFLIGHT_VARY,
    });
  });

  it('lets the allowed origin read GET /api/me with its cookie', async () => {
    const response = await send(example?.url ?? '', {
      method: 'GET',
      path: '/api/me',
      headers: { Origin: APP, Cookie: 'session=ada' },
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ user: 'ada' });
    expect(corsHeadersOf(response.headers)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });

  it('lets any origin read the catalogue anonymously (@Cors override)', async () => {
    const response = await send(example?.url ?? '', {
      method: 'GET',
      path: '/api/catalog',
      headers: { Origin: 'https://shop.example.net' },
    });
    expect(response.status).toBe(200);
    expect(corsHeadersOf(response.headers)).toEqual({ 'access-control-allow-origin': ['*'] });
  });

  it('leaves the payment webhook without CORS (@Cors(false)), preflights included', async () => {
    const response = await send(example?.url ?? '', {
      method: 'OPTIONS',
      path: '/api/webhooks/payments',
      headers: {
        Origin: APP,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status).toBe(404);
    expect(corsHeadersOf(response.headers)).toEqual({});
  });
});
