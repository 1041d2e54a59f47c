import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCors } from '../cors.ts';
import { nodeResponseHeaders, writeOnHead } from './node-head.ts';
import { writeDecision } from './write.ts';

const APP = 'https://app.example.com';
const allowed = createCors({ origins: [APP], credentials: true }).decide({
  method: 'GET',
  header: (name) => (name === 'origin' ? APP : undefined),
});
const CORS = {
  'access-control-allow-origin': APP,
  'access-control-allow-credentials': 'true',
};

/** What Node adds to every response, whatever the app wrote. */
const FRAMING = ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'];

interface Received {
  readonly status: string;
  /** Every header line as sent, names lowercased, in order. */
  readonly lines: readonly string[];
  readonly headers: IncomingHttpHeaders;
}

/** Serves one GET on 127.0.0.1 with `respond` (after `writeOnHead` unless `onHead` is false). */
async function serveOnce(
  respond: (response: ServerResponse) => void,
  onHead = true,
): Promise<Received> {
  const server = createServer((_request, response) => {
    if (onHead) writeOnHead(response, allowed);
    respond(response);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((received, failed) => {
      get({ host: '127.0.0.1', port, path: '/' }, (message) => {
        message.resume();
        const lines: string[] = [];
        for (let i = 0; i < message.rawHeaders.length; i += 2) {
          const name = (message.rawHeaders[i] as string).toLowerCase();
          if (!FRAMING.includes(name)) {
            lines.push(`${name}: ${message.rawHeaders[i + 1]}`);
          }
        }
        const status = `${message.statusCode} ${message.statusMessage}`;
        message.on('end', () => received({ status, lines, headers: message.headers }));
      }).on('error', failed);
    });
  } finally {
    server.close();
  }
}

describe('writeOnHead', () => {
  it('writes the CORS headers and Vary: Origin into the header object writeHead carries', async () => {
    const { status, lines } = await serveOnce((response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
    expect(status).toBe('200 OK');
    expect(lines).toStrictEqual([
      'content-type: text/plain',
      `access-control-allow-origin: ${APP}`,
      'access-control-allow-credentials: true',
      'vary: Origin',
    ]);
  });

  it("replaces the app's own CORS header, in any letter case, and appends Origin to its Vary", async () => {
    const { lines } = await serveOnce((response) => {
      const own = { 'Access-Control-Allow-Origin': '*', Vary: 'Accept-Encoding' };
      response.writeHead(200, own).end();
    });
    expect(lines).toStrictEqual([
      'vary: Accept-Encoding, Origin',
      `access-control-allow-origin: ${APP}`,
      'access-control-allow-credentials: true',
    ]);
  });

  it('appends Origin to a Vary set on the response itself when the header object has none', async () => {
    const { headers } = await serveOnce((response) => {
      response.setHeader('Vary', 'Accept-Language');
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end();
    });
    expect(headers['vary']).toBe('Accept-Language, Origin');
  });

  it('puts back a CORS header the app replaced on the response, and Origin in its Vary', async () => {
    const { lines } = await serveOnce((response) => {
      response.setHeader('Access-Control-Allow-Origin', '*');
      response.setHeader('Vary', 'Accept-Language');
      response.writeHead(200).end();
    });
    expect(lines).toStrictEqual([
      `access-control-allow-origin: ${APP}`,
      'vary: Accept-Language, Origin',
      'access-control-allow-credentials: true',
    ]);
  });

  it('writes them when the head is written implicitly, by end()', async () => {
    const { status, headers } = await serveOnce((response) => {
      response.statusCode = 404;
      response.end();
    });
    expect(status).toBe('404 Not Found');
    expect(headers).toMatchObject({ ...CORS, vary: 'Origin' });
  });

  it('keeps a status message and takes the header object after it', async () => {
    const { status, headers } = await serveOnce((response) => {
      response.writeHead(201, 'Made', { Vary: 'Accept' }).end();
    });
    expect(status).toBe('201 Made');
    expect(headers).toMatchObject({ ...CORS, vary: 'Accept, Origin' });
  });

  it.each([
    ['flat', ['Vary', 'Accept', 'X-Request-Id', '7']],
    [
      'nested',
      [
        ['Vary', 'Accept'],
        ['X-Request-Id', '7'],
      ],
    ],
  ])('takes a raw header array (%s) as Node does, and still appends Origin', async (_, raw) => {
    const { headers } = await serveOnce((response) => {
      response.writeHead(200, raw as unknown as OutgoingHttpHeaders).end();
    });
    expect(headers).toMatchObject({ ...CORS, vary: 'Accept, Origin', 'x-request-id': '7' });
  });

  it("leaves the caller's header object as it was", async () => {
    const shared = { vary: 'Accept' };
    await serveOnce((response) => response.writeHead(200, shared).end());
    expect(shared).toStrictEqual({ vary: 'Accept' });
  });

  it('wraps only the first writeHead: the response gets its own method back', async () => {
    let restored = false;
    await serveOnce((response) => {
      const wrapped = response.writeHead;
      response.writeHead(204);
      restored = response.writeHead !== wrapped;
      response.end();
    });
    expect(restored).toBe(true);
  });
});

describe('nodeResponseHeaders', () => {
  it('lets writeDecision set the CORS headers on the response and append Origin to its Vary', async () => {
    const { lines } = await serveOnce((response) => {
      response.setHeader('Vary', 'Accept-Language');
      writeDecision(nodeResponseHeaders(response), allowed);
      response.end();
    }, false);
    expect(lines).toStrictEqual([
      'vary: Accept-Language, Origin',
      `access-control-allow-origin: ${APP}`,
      'access-control-allow-credentials: true',
    ]);
  });
});
