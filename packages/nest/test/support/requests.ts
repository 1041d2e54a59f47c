import { request as httpRequest } from 'node:http';
import type { RawRequest, RawResponse, TestServer } from '@corsica/cors-testkit';
import { send } from '@corsica/cors-testkit';
import type { Type } from '@nestjs/common';
import type { Platform, StartOptions } from './platforms.ts';

export const APP = 'https://app.example.com';
export const ADMIN = 'https://admin.example.com';
export const PARTNER = 'https://partner.example.org';
export const EVIL = 'https://evil.example.net';
export const PREFLIGHT_VARY: readonly string[] = [
  'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
];

/** A preflight from `origin` asking for `method` at `path`. */
export function preflight(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): RawRequest {
  return {
    method: 'OPTIONS',
    path,
    headers: { Origin: origin, 'Access-Control-Request-Method': method, ...headers },
  };
}

/** An actual request from `origin`. */
export function request(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): RawRequest {
  return { method, path, headers: { Origin: origin, ...headers } };
}

/** The response's Access-Control-* and Vary field lines, to compare whole with `toEqual`. */
export function corsHeadersOf(response: RawResponse): Record<string, readonly string[]> {
  const picked: Record<string, readonly string[]> = {};
  for (const [name, lines] of Object.entries(response.headers)) {
    if (name.startsWith('access-control-') || name === 'vary') picked[name] = lines;
  }
  return picked;
}

/** A started app and a way to send it requests. */
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
