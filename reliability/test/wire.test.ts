import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, METHODS } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RAISED_MAX_HEADER_SIZE } from '../src/servers/index.ts';
import { fuzzRequest, headBytes, valueChar } from './arbitraries.ts';
import { exchange, newAgent } from './client.ts';
import { trimOws } from './oracle.ts';

/**
 * The fuzz means what it sends: a plain Node server (no Corsica) echoes the request it parsed,
 * and every field line must arrive with its name, its order and its value (less the surrounding
 * whitespace the parser strips), byte for byte: values are strings of code points up to U+00FF,
 * which must travel as latin1 bytes, one per character, not as UTF-8.
 */

const SEED = Number(process.env['FC_SEED'] ?? 20_260_101);

interface Echo {
  readonly method: string;
  readonly url: string;
  /** rawHeaders, values as hex of their latin1 bytes. */
  readonly fields: readonly (readonly [string, string])[];
}

/** The last request the server parsed (in-process: HEAD answers carry no body to echo it in). */
let last: Echo | undefined;

function echo(request: IncomingMessage, response: ServerResponse): void {
  const fields: [string, string][] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    fields.push([
      request.rawHeaders[i] as string,
      Buffer.from(request.rawHeaders[i + 1] as string, 'latin1').toString('hex'),
    ]);
  }
  last = { method: request.method ?? '', url: request.url ?? '', fields };
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(last));
}

const server = createServer({ maxHeaderSize: RAISED_MAX_HEADER_SIZE }, echo);
let port = 0;
const agent = newAgent();

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('what the fuzz sends is what arrives', () => {
  test('every byte a field value may hold travels as one latin1 byte', async () => {
    const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i))
      .filter((char) => char === '\t' || (char >= ' ' && char !== '\x7f'))
      .join('');
    expect(all.length).toBe(1 + 95 + 128);
    const result = await exchange(agent, port, {
      method: 'GET',
      path: '/',
      headers: [['X-All', `a${all}z`]],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { fields } = JSON.parse(result.response.body) as Echo;
    expect(fields.find(([name]) => name === 'X-All')?.[1]).toBe(
      Buffer.from(`a${all}z`, 'latin1').toString('hex'),
    );
  });

  test('the value generator covers every accepted byte, and only those', () => {
    const seen = new Set(fc.sample(valueChar, { seed: SEED, numRuns: 20_000 }));
    expect(seen.size).toBe(1 + 95 + 128);
    for (const char of seen) expect(/^[\t\x20-\x7e\x80-\xff]$/.test(char)).toBe(true);
  });

  test('generated requests arrive as generated', async () => {
    const outcomes = { compared: 0, overLimit: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        last = undefined;
        const result = await exchange(agent, port, request);
        if (headBytes(request, `127.0.0.1:${port}`) > RAISED_MAX_HEADER_SIZE - 2048) {
          outcomes.overLimit++;
          return;
        }
        if (!result.ok) throw new Error(`no response: ${result.code}`);
        if (result.response.status === 400) {
          // Node's parser refuses a method it does not know or a target with bytes above 0x7E.
          expect(!METHODS.includes(request.method) || /[^\x21-\x7e]/.test(request.path)).toBe(true);
          outcomes.refused++;
          return;
        }
        expect(result.response.status).toBe(200);
        const arrived = last as unknown as Echo;
        expect(arrived.method).toBe(request.method);
        expect(arrived.url).toBe(request.path);
        const sent = [
          ['Host', Buffer.from(`127.0.0.1:${port}`, 'latin1').toString('hex')],
          ...request.headers.map(([name, value]) => [
            name,
            Buffer.from(trimOws(value), 'latin1').toString('hex'),
          ]),
        ];
        // Node's client adds `Connection: keep-alive` last.
        expect(arrived.fields.slice(0, sent.length)).toEqual(sent);
        outcomes.compared++;
      }),
      { seed: SEED, numRuns: 300 },
    );
    console.log(
      `wire: ${outcomes.compared} requests arrived as sent, ${outcomes.refused} refused by Node's parser (unknown method, byte above 0x7E in the target), ${outcomes.overLimit} over maxHeaderSize`,
    );
    expect(outcomes.compared).toBeGreaterThan(200);
  });
});
