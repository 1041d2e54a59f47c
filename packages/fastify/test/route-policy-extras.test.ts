import { Writable } from 'node:stream';
import { APP, devLogLines, exchange, fromOrigin, preflight } from '@corsica/cors-testkit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { serving } from './support/serving.ts';

const PARTNER = 'https://partner.example.org';

describe("a route's config.cors policy", () => {
  it("writes its denials to the request's logger, as the plugin's policy does", async () => {
    const messages: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        messages.push((JSON.parse(String(chunk)) as { msg: string }).msg);
        done();
      },
    });
    const lines = await devLogLines(
      'development',
      async () => {
        const app = Fastify({ logger: { level: 'warn', stream } });
        await app.register(cors, { origins: [APP] });
        const partners = { origins: [PARTNER], methods: ['PUT'] };
        app.put('/partners/:id', { config: { cors: partners } }, async () => 'stored');
        return serving(app)();
      },
      () => messages.filter((message) => message.startsWith('CORS ')),
      preflight(PARTNER, 'PUT', '/partners/7', {
        'Access-Control-Request-Headers': 'content-type',
      }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^CORS preflight from "https:\/\/partner\.example\.org" to "OPTIONS \/partners\/7": Preflight denied: request header "content-type" is not allowed/,
    );
  });
});

describe('a Vary set before the plugin ran', () => {
  it('is kept, with Origin appended', async () => {
    const app = Fastify();
    app.addHook('onRequest', (_request, reply, done) => {
      reply.header('vary', 'Accept-Encoding');
      done();
    });
    await app.register(cors, { origins: [APP] });
    app.get('/items', async () => 'items');
    const [response] = await exchange(serving(app), fromOrigin(APP, 'GET', '/items'));
    expect(response?.headers['vary']).toStrictEqual(['Accept-Encoding, Origin']);
    expect(response?.headers['access-control-allow-origin']).toStrictEqual([APP]);
  });
});
