import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/**
 * The fuzz's client: sends the field lines exactly as given (names in their case, repeated
 * lines, order kept), with `Host` first, and keeps every response field line. Values are strings
 * of code points up to U+00FF, which Node writes as latin1 bytes.
 *
 * Node's client uppercases the method (`get` goes out as `GET`), so a method that is not all
 * uppercase is written by hand on a socket of its own (`Connection: close`), and the answer read
 * to the end of the connection.
 */

export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
}

export interface WireResponse {
  readonly status: number;
  /** Field lines by lowercase name, in order. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Field names in the order received, as sent. */
  readonly rawNames: readonly string[];
  readonly body: string;
}

export type Exchange =
  | { readonly ok: true; readonly response: WireResponse; readonly retried: boolean }
  | { readonly ok: false; readonly code: string; readonly retried: boolean };

export function newAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}

/**
 * Sends the request; if a kept-alive connection turns out closed by the server before it answers
 * (the keep-alive race, e.g. after fastify's clientError answer, which destroys the socket without
 * `Connection: close`), sends it once more on a fresh connection, as Node's docs advise.
 */
export async function exchange(
  agent: Agent,
  port: number,
  raw: WireRequest,
  timeoutMs = 10_000,
): Promise<Exchange> {
  if (raw.method !== raw.method.toUpperCase())
    return { ...(await byHand(port, raw, timeoutMs)), retried: false } as Exchange;
  const first = await once(agent, port, raw, timeoutMs);
  if (first.ok || !first.reusedSocket || (first.code !== 'ECONNRESET' && first.code !== 'EPIPE'))
    return { ...first, retried: false } as Exchange;
  return { ...(await once(agent, port, raw, timeoutMs)), retried: true } as Exchange;
}

type Once =
  | { readonly ok: true; readonly response: WireResponse }
  | { readonly ok: false; readonly code: string; readonly reusedSocket: boolean };

function once(agent: Agent, port: number, raw: WireRequest, timeoutMs: number): Promise<Once> {
  const flat: string[] = ['Host', `127.0.0.1:${port}`];
  for (const [name, value] of raw.headers) flat.push(name, value);
  return new Promise((resolve) => {
    let request: ReturnType<typeof httpRequest>;
    try {
      request = httpRequest({
        host: '127.0.0.1',
        port,
        method: raw.method,
        path: raw.path,
        headers: flat,
        agent,
        timeout: timeoutMs,
      });
    } catch (error) {
      resolve({
        ok: false,
        code: `client refused: ${(error as NodeJS.ErrnoException).code}`,
        reusedSocket: false,
      });
      return;
    }
    request.on('timeout', () => {
      const error = new Error('timeout') as NodeJS.ErrnoException;
      error.code = 'TIMEOUT';
      request.destroy(error);
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, code: error.code ?? error.message, reusedSocket: request.reusedSocket }),
    );
    request.on('response', (response) => {
      const headers: Record<string, string[]> = {};
      const rawNames: string[] = [];
      const fields = response.rawHeaders;
      for (let i = 0; i < fields.length; i += 2) {
        const name = fields[i] as string;
        rawNames.push(name);
        const lower = name.toLowerCase();
        const existing = headers[lower];
        if (existing === undefined) headers[lower] = [fields[i + 1] as string];
        else existing.push(fields[i + 1] as string);
      }
      let body = '';
      response.setEncoding('latin1');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ ok: false, code: error.code ?? error.message, reusedSocket: false }),
      );
      response.on('end', () =>
        resolve({
          ok: true,
          response: { status: response.statusCode ?? 0, headers, rawNames, body },
        }),
      );
    });
    request.end();
  });
}

/** The request written byte for byte (latin1), the response read until the server closes. */
function byHand(port: number, raw: WireRequest, timeoutMs: number): Promise<Once> {
  const head = [
    `${raw.method} ${raw.path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    ...raw.headers.map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after a complete answer (the server closing a refused request) is still an answer.
      const parsed = parseResponse(Buffer.concat(chunks));
      resolve(parsed ?? { ok: false, code: error.code ?? error.message, reusedSocket: false });
    });
    socket.on('end', () => {
      const parsed = parseResponse(Buffer.concat(chunks));
      resolve(parsed ?? { ok: false, code: 'unparsable response', reusedSocket: false });
      socket.destroy();
    });
    socket.write(head, 'latin1');
  });
}

function parseResponse(bytes: Buffer): Once | undefined {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine = '', ...fieldLines] = text.slice(0, end).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (status === null) return undefined;
  const headers: Record<string, string[]> = {};
  const rawNames: string[] = [];
  for (const line of fieldLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    rawNames.push(name);
    const lower = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    const existing = headers[lower];
    if (existing === undefined) headers[lower] = [value];
    else existing.push(value);
  }
  let body = text.slice(end + 4);
  if (headers['transfer-encoding']?.some((value) => /chunked/i.test(value))) {
    let decoded = '';
    let rest = body;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.slice(0, lineEnd), 16);
      if (lineEnd === -1 || !(size > 0)) break;
      decoded += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      rest = rest.slice(lineEnd + 2 + size + 2);
    }
    body = decoded;
  }
  return { ok: true, response: { status: Number(status[1]), headers, rawNames, body } };
}
