import { APP, devLogLines, preflight } from '@corsica/cors-testkit';
import type { Request, RequestEvent } from '@hapi/hapi';
import { describe, expect, it } from 'vitest';
import { hapiServer, serve, testApplication } from './support.ts';

const EXPECTED =
  'CORS preflight from "https://app.example.com" to "OPTIONS /api/items": Preflight denied: request header "content-type" is not allowed (the policy allows no request headers beyond the safelisted ones). Add "content-type" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.';

describe('the development log', () => {
  /** What reached hapi's request log (`request.log`), as an app's logger sees it: tags and line. */
  async function run(environment: 'development' | 'production') {
    const events: { tags: string[]; data: unknown; path: string }[] = [];
    const lines = await devLogLines(
      environment,
      async () => {
        const server = hapiServer(undefined);
        server.events.on(
          { name: 'request', channels: 'app' },
          (request: Request, event: RequestEvent) => {
            events.push({ tags: event.tags, data: event.data, path: request.path });
          },
        );
        return serve(await testApplication(server, { origins: [APP], methods: ['PUT'] }));
      },
      () => events.map((event) => String(event.data)),
      preflight(APP, 'PUT', '/api/items', { 'Access-Control-Request-Headers': 'content-type' }),
    );
    return { lines, events };
  }

  it('writes one line naming the reason and the fix for a denied preflight, in development', async () => {
    const { lines, events } = await run('development');
    expect(lines).toStrictEqual([EXPECTED]);
    expect(events.map(({ tags, path }) => ({ tags, path }))).toStrictEqual([
      { tags: ['cors', 'warning'], path: '/api/items' },
    ]);
  });

  it('writes nothing in production', async () => {
    expect((await run('production')).lines).toStrictEqual([]);
  });
});
