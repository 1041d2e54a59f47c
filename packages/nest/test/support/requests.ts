import { request as httpRequest } from 'node:http';
import type { RawRequest, RawResponse, TestServer } from '@corsica/cors-testkit';
import { send } from '@corsica/cors-testkit';
import type { Type } from '@nestjs/common';
import type { Platform, StartOptions } from './platforms.ts';

/** A started app and a way to send it requests (the testkit's `exchange` starts one per call). */
export interface Served {
  send(request: RawRequest): Promise<RawResponse>;
  /** The testkit's `send` carries no body; this one does. */
  sendBody(request: RawRequest, body: string): Promise<RawResponse>;
  close(): Promise<void>;
}

export async function serve(
  platform: Platform,
  root: Type,
  options?: StartOptions,
): Promise<Served> {
  const server: TestServer = await platform.start(root, options);
  return {
    send: (raw) => send(server.url, raw),
    sendBody: (raw, body) => sendBody(server.url, raw, body),
    close: () => server.close(),
  };
}

function sendBody(baseUrl: string, raw: RawRequest, body: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL(raw.path, baseUrl), { method: raw.method });
    for (const [name, value] of Object.entries(raw.headers)) {
      outgoing.setHeader(name, value as string | string[]);
    }
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers: Record<string, string[]> = {};
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = (response.rawHeaders[i] as string).toLowerCase();
          headers[name] = [...(headers[name] ?? []), response.rawHeaders[i + 1] as string];
        }
        resolve({
          status: response.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    outgoing.end(body);
  });
}
