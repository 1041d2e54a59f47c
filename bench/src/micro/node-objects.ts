import { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestSpec } from '../requests.ts';
import { freshLines } from '../requests.ts';
import type { ResponseSnapshot } from './subject.ts';

/**
 * Node's own request and response objects, made without a socket: setHeader validates and stores
 * exactly as on a live connection, and `end()` serializes the head into a buffer instead of
 * writing it. express, koa and fastify all wrap these.
 */
export interface NodeExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

/**
 * A request as Node's parser leaves it: `rawHeaders` with fresh strings, and the `headers` object
 * built from them (Node builds it lazily on first read; built here, so the first middleware to read
 * it is not charged for it).
 */
export function nodeRequest(spec: RequestSpec): IncomingMessage {
  const req = new IncomingMessage(undefined as never);
  req.method = spec.method;
  req.url = spec.path;
  req.httpVersion = '1.1';
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  const raw: string[] = [];
  const headers: Record<string, string> = {};
  for (const [name, value] of freshLines(spec)) {
    raw.push(name, value);
    headers[name] = value;
  }
  req.rawHeaders = raw;
  req.headers = headers;
  return req;
}

export function nodeExchange(spec: RequestSpec): NodeExchange {
  const req = nodeRequest(spec);
  return { req, res: new ServerResponse(req) };
}

const ADDED_BY_NODE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** What a Node response holds: the serialized head once ended, else the headers set so far. */
export function snapshotNodeResponse(res: ServerResponse): ResponseSnapshot {
  const lines: [string, string][] = [];
  // `_header` is the serialized head, set by writeHead()/end(); fastify writes its headers there
  // without going through setHeader.
  const head = (res as unknown as { _header: string | null })._header;
  if (typeof head === 'string' && head !== '') {
    for (const line of head.split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) lines.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
    }
  } else {
    for (const [name, value] of Object.entries(res.getHeaders()))
      lines.push([name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)]);
  }
  const headers = lines
    .filter(([name]) => !ADDED_BY_NODE.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { status: res.writableEnded ? res.statusCode : undefined, headers };
}
