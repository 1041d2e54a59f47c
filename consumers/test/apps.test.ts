import { join } from 'node:path';
import {
  corsHeadersOf,
  EVIL,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
  send,
} from '@corsica/cors-testkit';
import { bootExample } from '@corsica/examples-support/boot.ts';
import { describe, expect, inject, it } from 'vitest';
import type { ModuleFormat } from '../src/apps.ts';
import { ALLOWED_ORIGIN, consumerApps, ITEMS } from '../src/apps.ts';

const consumer = inject('consumer');
const formats: readonly (readonly [string, ModuleFormat])[] = [
  ['CommonJS', 'cjs'],
  ['an ES module', 'mjs'],
];

describe.each(consumerApps)('$name, from the tarballs', (app) => {
  it.concurrent.each(formats)('as %s answers a preflight and a GET', async (_label, format) => {
    // NODE_OPTIONS emptied: the apps resolve as a user's would, never through the workspace's
    // @corsica/source condition.
    const server = await bootExample(consumer.programs, ['node', `${app.file}.${format}`], {
      NODE_OPTIONS: '',
    });
    try {
      const answered = await send(
        server.url,
        preflight(ALLOWED_ORIGIN, 'PUT', '/api/items', {
          'Access-Control-Request-Headers': 'content-type',
        }),
      );
      expect(answered.status).toBe(204);
      expect(corsHeadersOf(answered)).toEqual({
        'access-control-allow-origin': [ALLOWED_ORIGIN],
        'access-control-allow-methods': ['PUT'],
        'access-control-allow-headers': ['content-type'],
        vary: PREFLIGHT_VARY,
      });

      const read = await send(server.url, fromOrigin(ALLOWED_ORIGIN, 'GET', '/api/items'));
      expect(read.status).toBe(200);
      expect(corsHeadersOf(read)).toEqual({
        'access-control-allow-origin': [ALLOWED_ORIGIN],
        vary: ['Origin'],
      });
      expect(JSON.parse(read.body)).toEqual(ITEMS);

      const other = await send(server.url, fromOrigin(EVIL, 'GET', '/api/items'));
      expect(other.status).toBe(200);
      expect(corsHeadersOf(other)).toEqual({ vary: ['Origin'] });
    } finally {
      await server.stop();
    }
  });
});

it('writes each app in the project, outside the workspace', () => {
  expect(consumer.programs.startsWith(join(consumer.dir, 'run-'))).toBe(true);
});
