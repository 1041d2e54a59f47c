import { Agent, request as httpRequest } from 'node:http';
import { ADMIN, APP } from './policies.ts';

/**
 * The soak's traffic: a fixed cycle of ten request kinds for the `list-credentials` policy
 * (preflights, allowed and denied actual requests, requests without Origin), sent over keep-alive
 * connections by a plain `node:http` Agent loop, and every response checked: status, body,
 * `Access-Control-Allow-Origin` (exactly one line with the expected value, or none) and
 * `Access-Control-Allow-Credentials`.
 *
 * Several kinds carry a value unique to the request (an origin, the letter case of a header
 * list), so that whatever Corsica caches per value is exercised far past any bound it has: a cache
 * that grows with them shows as memory growth.
 */

export const SOAK_POLICY = 'list-credentials';

export interface SoakRequest {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly expect: {
    readonly status: number;
    /** The one `Access-Control-Allow-Origin` line expected, or `null` for none. */
    readonly allowOrigin: string | null;
    readonly credentials: boolean;
    /** The body, when one is checked. */
    readonly body?: string;
  };
}

const HEADER_LIST = 'content-type, x-requested-with';

/** `content-type, x-requested-with` in one of 2^26 letter cases, chosen by `n`. */
function caseVariant(n: number): string {
  let bit = 0;
  let out = '';
  for (const char of HEADER_LIST) {
    if (char >= 'a' && char <= 'z') {
      out += (n >>> bit) & 1 ? char.toUpperCase() : char;
      bit = (bit + 1) % 26;
    } else out += char;
  }
  return out;
}

/** The request with index `i` of the soak: its kind is `i % 10`. */
export function soakRequest(i: number): SoakRequest {
  switch (i % 10) {
    case 0:
      return {
        kind: 'preflight allowed (unique header case)',
        method: 'OPTIONS',
        path: '/api/items',
        headers: {
          Origin: APP,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': caseVariant(Math.floor(i / 10)),
        },
        expect: { status: 204, allowOrigin: APP, credentials: true },
      };
    case 1:
      return {
        kind: 'actual allowed (listed)',
        method: 'GET',
        path: '/api/items',
        headers: { Origin: APP },
        expect: { status: 200, allowOrigin: APP, credentials: true, body: 'ok' },
      };
    case 2: {
      const origin = `https://u${i}.preview.example.com`;
      return {
        kind: 'actual allowed (unique pattern origin)',
        method: 'POST',
        path: '/api/items',
        headers: { Origin: origin, 'Content-Type': 'text/plain' },
        expect: { status: 200, allowOrigin: origin, credentials: true, body: 'ok' },
      };
    }
    case 3:
      return {
        kind: 'actual denied (unique origin)',
        method: 'GET',
        path: '/api/items',
        headers: { Origin: `https://evil-${i}.example.net` },
        expect: { status: 200, allowOrigin: null, credentials: false, body: 'ok' },
      };
    case 4:
      return {
        kind: 'no Origin',
        method: 'GET',
        path: '/api/items',
        headers: {},
        expect: { status: 200, allowOrigin: null, credentials: false, body: 'ok' },
      };
    case 5:
      return {
        kind: 'preflight denied (unique origin)',
        method: 'OPTIONS',
        path: '/api/items',
        headers: {
          Origin: `https://evil-${i}.example.net`,
          'Access-Control-Request-Method': 'PUT',
        },
        expect: { status: 403, allowOrigin: null, credentials: false },
      };
    case 6:
      return {
        kind: 'actual allowed (PUT)',
        method: 'PUT',
        path: '/api/items/7',
        headers: { Origin: ADMIN },
        expect: { status: 200, allowOrigin: ADMIN, credentials: true, body: 'ok' },
      };
    case 7:
      return {
        kind: 'preflight denied (method)',
        method: 'OPTIONS',
        path: '/api/items',
        headers: { Origin: APP, 'Access-Control-Request-Method': 'PATCH' },
        expect: { status: 403, allowOrigin: null, credentials: false },
      };
    case 8:
      return {
        kind: 'actual allowed (framework 404)',
        method: 'GET',
        path: '/missing',
        headers: { Origin: APP },
        expect: { status: 404, allowOrigin: APP, credentials: true },
      };
    default:
      return {
        kind: 'OPTIONS without Origin',
        method: 'OPTIONS',
        path: '/api/items',
        headers: {},
        expect: { status: 200, allowOrigin: null, credentials: false, body: 'ok' },
      };
  }
}

export interface Response {
  readonly status: number;
  /** Field lines by lowercase name. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
}

/**
 * The kinds of error this response shows, empty when it is as expected. In a control run (the
 * application without Corsica), only that the server answers without a 5xx or any CORS grant.
 */
export function checkResponse(request: SoakRequest, response: Response, control = false): string[] {
  if (control) {
    const errors: string[] = [];
    if (response.status >= 500) errors.push('5xx');
    if (response.headers['access-control-allow-origin'] !== undefined) errors.push('a CORS grant');
    return errors;
  }
  const errors: string[] = [];
  const { expect } = request;
  if (response.status !== expect.status) errors.push(`status ${response.status}`);
  if (response.status >= 500) errors.push('5xx');
  const acao = response.headers['access-control-allow-origin'] ?? [];
  const acac = response.headers['access-control-allow-credentials'] ?? [];
  if (acao.length > 1) errors.push('several Access-Control-Allow-Origin lines');
  if (expect.allowOrigin === null) {
    if (acao.length > 0) errors.push('Access-Control-Allow-Origin on a denial');
  } else if (acao.length !== 1 || acao[0] !== expect.allowOrigin) {
    errors.push(acao.length === 0 ? 'Access-Control-Allow-Origin missing' : 'wrong origin');
  }
  if (acao.includes('*') && acac.length > 0) errors.push('* with credentials');
  const credentials = acac.length === 1 && acac[0] === 'true';
  if (credentials !== expect.credentials || acac.length > 1)
    errors.push(`Access-Control-Allow-Credentials ${JSON.stringify(acac)}`);
  if (expect.body !== undefined && response.body !== expect.body) errors.push('body');
  return errors;
}

export interface Tally {
  /** Responses received and checked. */
  responses: number;
  /** Requests that failed, one count per request (a request may show several kinds). */
  failed: number;
  /** Counts by kind of error, with an example request kind for each. */
  readonly errors: Map<string, { count: number; example: string }>;
}

export function newTally(): Tally {
  return { responses: 0, failed: 0, errors: new Map() };
}

function record(tally: Tally, kinds: readonly string[], example: string): void {
  if (kinds.length === 0) return;
  tally.failed++;
  for (const kind of kinds) {
    const entry = tally.errors.get(kind);
    if (entry === undefined) tally.errors.set(kind, { count: 1, example });
    else entry.count++;
  }
}

export interface DriveOptions {
  readonly port: number;
  /** Index of the first request; kinds and unique values go on from there. */
  readonly from: number;
  readonly count: number;
  readonly connections: number;
  /** `performance.now()` past which no request is sent. */
  readonly deadline: number;
  /** Ends the run early (the server exited): no request is sent once it returns true. */
  readonly aborted: () => boolean;
  readonly timeoutMs?: number;
  /** A control run: the server runs without Corsica. */
  readonly control?: boolean;
}

/**
 * Sends requests `from` to `from + count - 1` over `connections` keep-alive connections, checks
 * every response into `tally`, and resolves with the number of requests that got an answer or an
 * error (less than `count` when the deadline passed or the run was aborted).
 */
export async function drive(options: DriveOptions, tally: Tally): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const end = options.from + options.count;
  let next = options.from;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < end && performance.now() < options.deadline && !options.aborted()) {
      const i = next++;
      const request = soakRequest(i);
      try {
        const response = await send(agent, options.port, request, options.timeoutMs ?? 10_000);
        tally.responses++;
        record(tally, checkResponse(request, response, options.control), request.kind);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        record(tally, [`transport ${code}`], request.kind);
      }
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    agent.destroy();
  }
  return done;
}

function send(agent: Agent, port: number, raw: SoakRequest, timeoutMs: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: raw.method,
      path: raw.path,
      headers: raw.headers,
      agent,
      timeout: timeoutMs,
    });
    request.on('timeout', () => {
      const error = new Error('timeout') as NodeJS.ErrnoException;
      error.code = 'TIMEOUT';
      request.destroy(error);
    });
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
      let body = '';
      response.setEncoding('latin1');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers, body }));
    });
    request.end();
  });
}
