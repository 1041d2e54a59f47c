import { Agent, request as httpRequest } from 'node:http';

/**
 * Sends requests exactly as written: header names keep their case, an array value becomes one
 * field line per element, and nothing is added but what Node's client always sends (`Host`,
 * `Connection`). Responses keep every field line.
 */

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
}

export interface RawResponse {
  readonly status: number;
  /** Field lines by lowercase name, in the order received. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function send(baseUrl: string, raw: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      method: raw.method,
      path: raw.path,
      agent,
      timeout: timeoutMs,
    });
    for (const [name, value] of Object.entries(raw.headers))
      request.setHeader(name, value as string | string[]);
    request.on('timeout', () =>
      request.destroy(new Error(`${raw.method} ${raw.path}: no answer in ${timeoutMs} ms`)),
    );
    request.on('error', reject);
    request.on('response', (response) => {
      const headers: Record<string, string[]> = {};
      const lines = response.rawHeaders;
      for (let i = 0; i < lines.length; i += 2) {
        const name = (lines[i] as string).toLowerCase();
        const value = lines[i + 1] as string;
        const existing = headers[name];
        if (existing === undefined) headers[name] = [value];
        else existing.push(value);
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.end();
  });
}
