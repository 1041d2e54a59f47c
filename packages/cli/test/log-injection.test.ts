import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { withCors } from '@corsica/cors-node-http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The development log over real HTTP: Node's parser rejects control bytes below 0x20 in a header
 * value, but passes 0x80-0xFF, which it reads as latin1. A NEL (U+0085, a line break to some log
 * viewers), sent as UTF-8 (0xC2 0x85) or as the single byte 0x85, must reach the log escaped.
 */

let server: Server;
let port: number;
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(async () => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const previous = process.env['NODE_ENV'];
  // The adapter reads NODE_ENV when it is built: a development server logs denials.
  process.env['NODE_ENV'] = 'development';
  try {
    server = createServer(
      withCors({ origins: ['https://app.example.com'] }, (_request, response) =>
        response.end('ok'),
      ),
    );
  } finally {
    process.env['NODE_ENV'] = previous;
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  vi.restoreAllMocks();
});

/** What a log line must never hold raw: controls, line and paragraph separators, bidi controls. */
function unescapedControls(line: string): number[] {
  return [...line]
    .map((character) => character.codePointAt(0) as number)
    .filter(
      (code) =>
        code < 0x20 ||
        (code >= 0x7f && code <= 0x9f) ||
        code === 0x2028 ||
        code === 0x2029 ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069),
    );
}

/** Sends `GET /api/items` with these exact Origin bytes over a plain socket; resolves with the status line. */
function sendRawOrigin(origin: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () =>
      resolve(Buffer.concat(chunks).toString('latin1').split('\r\n')[0] ?? ''),
    );
    socket.write(
      Buffer.concat([
        Buffer.from('GET /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ', 'latin1'),
        origin,
        Buffer.from('\r\nConnection: close\r\n\r\n', 'latin1'),
      ]),
    );
  });
}

describe('an Origin with NEL and 0xFF bytes, in the development log', () => {
  it('is written on one line, the NEL escaped and the bytes read as latin1', async () => {
    const origin = Buffer.concat([
      Buffer.from('https://app.example.com', 'latin1'),
      Buffer.from([0xc2, 0x85]), // NEL in UTF-8
      Buffer.from('x', 'latin1'),
      Buffer.from([0x85]), // NEL in latin1
      Buffer.from('y', 'latin1'),
      Buffer.from([0xff]),
    ]);
    expect(await sendRawOrigin(origin)).toBe('HTTP/1.1 200 OK');
    // The same denial again: the log says it once.
    expect(await sendRawOrigin(origin)).toBe('HTTP/1.1 200 OK');
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());

    const shown = 'https://app.example.com\u00c2\\u0085x\\u0085y\u00ff';
    expect(warn.mock.calls).toStrictEqual([
      [
        `CORS request from "${shown}" to "GET /api/items": Denied: the Origin header "${shown}" is not a serialized origin (lowercase scheme://host[:port], no path); browsers never send that, so a non-browser client or a proxy produced it. The request goes on to the application.`,
      ],
    ]);
    const line = String(warn.mock.calls[0]?.[0]);
    expect(unescapedControls(line)).toStrictEqual([]);
  });

  it('a bidi override in UTF-8 (0xE2 0x80 0xAE) arrives as latin1 bytes, none of them a control', async () => {
    const origin = Buffer.concat([
      Buffer.from('https://', 'latin1'),
      Buffer.from([0xe2, 0x80, 0xae]), // U+202E, read by Node as "â", U+0080, "®"
      Buffer.from('moc.elpmaxe', 'latin1'),
    ]);
    await sendRawOrigin(origin);
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    const line = String(warn.mock.calls[0]?.[0]);
    expect(line).toContain('"https://\u00e2\\u0080\u00aemoc.elpmaxe"');
    expect(unescapedControls(line)).toStrictEqual([]);
  });
});
