import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cors } from '@corsica/cors-core';
import type { Gate, RequestFacts, Verdict } from './control.ts';
import { checkHost, checkRead, checkWrite } from './control.ts';
import type { ExchangeLog } from './exchanges.ts';
import type { AdapterId, PlaygroundConfig } from './page/types.ts';
import { ADAPTER_IDS, TOKEN_HEADER } from './page/types.ts';
import { readEditedOptions, reconfigureAll } from './policy.ts';

/** A file the page server sends as is. */
export interface StaticFile {
  readonly type: string;
  readonly body: string;
}

/** What the page server serves once every API server is up. */
export interface PageState {
  readonly gate: Gate;
  readonly config: () => PlaygroundConfig;
  readonly policies: readonly Cors[];
  readonly log: ExchangeLog;
  /** `/` (with the token in place of `%PLAYGROUND_TOKEN%`), scripts and styles, by path. */
  readonly files: ReadonlyMap<string, StaticFile>;
  /** The API origins the page may fetch (its Content-Security-Policy's `connect-src`). */
  readonly apiOrigins: readonly string[];
  /** The demo session cookie set with the page, for the cookie presets. */
  readonly cookie: string;
}

/** Bodies of policy edits are a few hundred bytes; this is plenty. */
const MAX_BODY = 64 * 1024;

/**
 * The page server's listener: the page, `/config.json`, the exchange records and the control
 * endpoint. `state()` is undefined until the API servers are up (503 meanwhile).
 */
export function pageListener(
  state: () => PageState | undefined,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const current = state();
    // Never framed, sniffed, cached or embedded by another origin.
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('cache-control', 'no-store');
    response.setHeader('cross-origin-resource-policy', 'same-origin');
    if (current === undefined) return send(response, 503, 'starting, try again in a second');
    handle(current, request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) send(response, 500, 'internal error (see the terminal)');
      else response.destroy();
    });
  };
}

async function handle(
  state: PageState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const facts = factsOf(request);
  const host = checkHost(state.gate, facts);
  if (!host.ok) return refuse(response, host);
  const target = request.url ?? '/';
  // An absolute-form target (`http://other/…`) is a proxy request: not for us.
  if (!target.startsWith('/')) return send(response, 400, 'not a path');
  const url = new URL(target, 'http://playground.invalid');
  const path = url.pathname;

  if (path === '/control/policy') {
    const verdict = checkWrite(state.gate, facts);
    if (!verdict.ok) return refuse(response, verdict);
    const body = await readJson(request);
    if ('error' in body) return send(response, body.status, body.error);
    const edited = readEditedOptions(body.json);
    if ('error' in edited) return send(response, 400, edited.error);
    const update = await reconfigureAll(state.policies, edited.options);
    return sendJson(response, update.applied ? 200 : 422, update);
  }
  if (path.startsWith('/api/')) {
    const verdict = checkRead(state.gate, facts);
    if (!verdict.ok) return refuse(response, verdict);
    if (path !== '/api/exchanges') return send(response, 404, 'not found');
    const since = Number(url.searchParams.get('since') ?? '0');
    const adapter = url.searchParams.get('adapter');
    if (!Number.isSafeInteger(since) || since < 0) return send(response, 400, 'since: a count');
    if (adapter !== null && !isAdapter(adapter)) return send(response, 400, 'adapter: unknown');
    return sendJson(response, 200, await state.log.list(since, adapter ?? undefined));
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return send(response, 405, `${request.method} is not allowed here`);
  }
  if (path === '/config.json') return sendJson(response, 200, state.config());
  const file = state.files.get(path === '/' ? '/index.html' : path);
  if (file === undefined) return send(response, 404, 'not found');
  if (file.type.startsWith('text/html')) {
    response.setHeader('content-security-policy', contentSecurityPolicy(state.apiOrigins));
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('set-cookie', state.cookie);
    response.setHeader('content-type', file.type);
    response.end(file.body.replaceAll('%PLAYGROUND_TOKEN%', state.gate.token));
    return;
  }
  response.setHeader('content-type', file.type);
  response.end(file.body);
}

/**
 * Scripts, styles and images from the playground only (nothing from a CDN), fetches to the
 * playground and its API servers only, and no framing.
 */
export function contentSecurityPolicy(apiOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${apiOrigins.join(' ')}`,
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function factsOf(request: IncomingMessage): RequestFacts {
  const one = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    method: request.method ?? '',
    host: one('host'),
    origin: one('origin'),
    secFetchSite: one('sec-fetch-site'),
    contentType: one('content-type'),
    token: one(TOKEN_HEADER),
  };
}

async function readJson(
  request: IncomingMessage,
): Promise<{ readonly json: unknown } | { readonly status: number; readonly error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return { status: 413, error: `the body is over ${MAX_BODY} bytes` };
    chunks.push(chunk);
  }
  try {
    return { json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { status: 400, error: 'the body is not JSON' };
  }
}

function isAdapter(name: string): name is AdapterId {
  return (ADAPTER_IDS as readonly string[]).includes(name);
}

function refuse(response: ServerResponse, verdict: Verdict & { ok: false }): void {
  send(response, verdict.status, verdict.reason);
}

function send(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'text/plain; charset=utf-8');
  response.end(`${text}\n`);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(value));
}
