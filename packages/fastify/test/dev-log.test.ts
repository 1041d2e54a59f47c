import { Writable } from 'node:stream';
import { APP, devLogLines, preflight } from '@corsica/cors-testkit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { serving } from './support/serving.ts';

const EXPECTED =
  'CORS preflight from "https://app.example.com" to "OPTIONS /api/items": Preflight denied: request header "content-type" is not allowed (the policy allows no request headers beyond the safelisted ones). Add "content-type" to allowedHeaders. Corsica answers it with 403 and no Access-Control-Allow-* headers.';

describe("the development log, through the request's own logger", () => {
  async function run(environment: 'development' | 'production') {
    const records: { level: number; msg: string }[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        records.push(JSON.parse(String(chunk)) as { level: number; msg: string });
        done();
      },
    });
    const lines = await devLogLines(
      environment,
      async () => {
        const app = Fastify({ logger: { level: 'warn', stream } });
        await app.register(cors, { origins: [APP], methods: ['PUT'] });
        return serving(app)();
      },
      () => records.filter((record) => record.msg.startsWith('CORS ')).map((record) => record.msg),
      preflight(APP, 'PUT', '/api/items', { 'Access-Control-Request-Headers': 'content-type' }),
    );
    return { lines, levels: records.map((record) => record.level) };
  }

  it('writes one warning naming the reason and the fix for a denied preflight, in development', async () => {
    const { lines, levels } = await run('development');
    expect(lines).toStrictEqual([EXPECTED]);
    expect(levels).toStrictEqual([40]);
  });

  it('writes nothing in production', async () => {
    expect((await run('production')).lines).toStrictEqual([]);
  });
});
