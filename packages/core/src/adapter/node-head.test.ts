import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCors } from '../cors.ts';
import type { CorsDecision } from '../index.ts';
import { request } from '../test-support/requests.ts';
import type { NodeHeadResponse } from './node-head.ts';
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
  /** The same lines with the names spelled as sent. */
  readonly raw: readonly string[];
  readonly headers: IncomingHttpHeaders;
}

/** Serves one GET on 127.0.0.1 with `respond`, after `writeOnHead` with `decision` unless it is null. */
async function serveOnce(
  respond: (response: ServerResponse) => void,
  decision: CorsDecision | null = allowed,
): Promise<Received> {
  const server = createServer((_request, response) => {
    if (decision !== null) writeOnHead(response, decision);
    respond(response);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((received, failed) => {
      get({ host: '127.0.0.1', port, path: '/' }, (message) => {
        message.resume();
        const lines: string[] = [];
        const raw: string[] = [];
        for (let i = 0; i < message.rawHeaders.length; i += 2) {
          const name = (message.rawHeaders[i] as string).toLowerCase();
          if (!FRAMING.includes(name)) {
            lines.push(`${name}: ${message.rawHeaders[i + 1]}`);
            raw.push(`${message.rawHeaders[i]}: ${message.rawHeaders[i + 1]}`);
          }
        }
        const status = `${message.statusCode} ${message.statusMessage}`;
        message.on('end', () => received({ status, lines, raw, headers: message.headers }));
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

describe('writeOnHead, for decisions that write only part of a head', () => {
  it('writes the static header of a decision with no Vary', async () => {
    const anyOrigin = createCors({ origins: '*' }).decide(request('GET', {}, '/'));
    const { lines } = await serveOnce((response) => response.writeHead(200).end(), anyOrigin);
    expect(lines).toStrictEqual(['access-control-allow-origin: *']);
  });

  it('writes the Vary of a denial, which has no CORS header', async () => {
    const denied = createCors({ origins: [APP] }).decide(
      request('GET', { Origin: 'https://evil.example.net' }, '/'),
    );
    const { lines } = await serveOnce((response) => response.writeHead(200).end(), denied);
    expect(lines).toStrictEqual(['vary: Origin']);
  });

  it('leaves writeHead alone for a decision that writes nothing', () => {
    const untouched = createCors({
      origins: [APP],
      routes: [{ path: '/internal/*', disabled: true }],
    }).decide(request('GET', {}, '/internal/x'));
    expect(untouched).toMatchObject({ headers: [], vary: [] });
    const writeHead = (): void => {};
    const response: NodeHeadResponse = {
      writeHead,
      getHeader: () => undefined,
      setHeader: () => {},
    };
    writeOnHead(response, untouched);
    expect(response.writeHead).toBe(writeHead);
  });

  it('adds nothing to a Vary the response already holds with Origin', async () => {
    const { lines } = await serveOnce((response) => {
      response.setHeader('Vary', 'Origin');
      response.writeHead(200).end();
    });
    expect(lines).toStrictEqual([
      'vary: Origin',
      `access-control-allow-origin: ${APP}`,
      'access-control-allow-credentials: true',
    ]);
  });

  it('does not write again a CORS header the response already holds with its value', async () => {
    const { raw } = await serveOnce((response) => {
      response.setHeader('Access-Control-Allow-Origin', APP);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
      response.writeHead(200).end();
    });
    expect(raw).toStrictEqual([
      `Access-Control-Allow-Origin: ${APP}`,
      'Access-Control-Allow-Credentials: true',
      'vary: Origin',
    ]);
  });

  it('takes the last decision given before the head is written, and wraps writeHead once', async () => {
    const denied = createCors({ origins: [APP] }).decide(
      request('GET', { Origin: 'https://evil.example.net' }, '/'),
    );
    let restored = false;
    const { lines } = await serveOnce((response) => {
      const own = response.writeHead;
      writeOnHead(response, allowed);
      writeOnHead(response, denied);
      response.writeHead(200);
      restored = response.writeHead === own;
      response.end();
    }, null);
    expect(lines).toStrictEqual(['vary: Origin']);
    expect(restored).toBe(true);
  });
});

describe('nodeResponseHeaders', () => {
  it('lets writeDecision set the CORS headers on the response and append Origin to its Vary', async () => {
    const { lines } = await serveOnce((response) => {
      response.setHeader('Vary', 'Accept-Language');
      writeDecision(nodeResponseHeaders(response), allowed);
      response.end();
    }, null);
    expect(lines).toStrictEqual([
      'vary: Accept-Language, Origin',
      `access-control-allow-origin: ${APP}`,
      'access-control-allow-credentials: true',
    ]);
  });
});
