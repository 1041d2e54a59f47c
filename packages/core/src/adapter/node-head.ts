import { VARY } from '../protocol/headers.ts';
import { appendVary } from '../protocol/vary.ts';
import type { CorsDecision, CorsHeader } from '../types.ts';
import type { HeaderObject, HeaderSink } from './write.ts';

/**
 * The part of Node's response API used here, structurally (the core has no Node types): `http`'s
 * `ServerResponse` and `http2`'s compatibility response.
 */
export interface NodeHeadResponse {
  writeHead(statusCode: number, ...rest: unknown[]): unknown;
  getHeader(name: string): string | number | readonly string[] | undefined;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
}

/**
 * A Node response's headers as the core's writers read and set them (`writeDecision`). A class and
 * not two arrow functions: on Node 20, calling closures made afresh for each request costs about a
 * microsecond more per request (bench/BENCHMARKS.md, micro section).
 */
export function nodeResponseHeaders(response: NodeHeadResponse): HeaderSink {
  return new NodeResponseHeaders(response);
}

class NodeResponseHeaders implements HeaderSink {
  readonly response: NodeHeadResponse;
  constructor(response: NodeHeadResponse) {
    this.response = response;
  }
  get(name: string) {
    return this.response.getHeader(name);
  }
  set(name: string, value: string) {
    this.response.setHeader(name, value);
  }
}

/** Whether the decision sets the header `name` (lowercase). */
function decides(decision: CorsDecision, name: string): boolean {
  for (let i = 0; i < decision.headers.length; i++) {
    if ((decision.headers[i] as CorsHeader)[0] === name) return true;
  }
  return false;
}

/**
 * The header object one `writeHead` call writes, with the decision put back as `restoreDecision`
 * would: a CORS header the object or the response holds with another value gets the decision's
 * (the object's own spelling dropped), and the Vary the head would hold (the object's, else the
 * response's) gets the decision's tokens. What the response already holds is not repeated.
 */
function withDecision(
  given: HeaderObject | undefined,
  decision: CorsDecision,
  response: NodeHeadResponse,
): HeaderObject {
  const head: HeaderObject = {};
  let varyName = VARY;
  let vary = response.getHeader(VARY);
  for (const name in given) {
    const lower = name.toLowerCase();
    if (lower === VARY) {
      varyName = name;
      vary = given[name];
      head[name] = vary;
    } else if (!decides(decision, lower)) head[name] = given[name];
  }
  for (let i = 0; i < decision.headers.length; i++) {
    const [name, value] = decision.headers[i] as CorsHeader;
    if (response.getHeader(name) !== value) head[name] = value;
  }
  const merged = appendVary(vary, decision.vary);
  if (merged !== undefined) head[varyName] = merged;
  return head;
}

/** Where `writeOnHead` keeps the response's own `writeHead` and the decision, until the head is written. */
const OWN_WRITE_HEAD = Symbol('@corsica/cors-core.writeHead');
const PENDING_DECISION = Symbol('@corsica/cors-core.decision');
type OnHeadResponse = NodeHeadResponse & {
  [OWN_WRITE_HEAD]?: NodeHeadResponse['writeHead'];
  [PENDING_DECISION]?: CorsDecision | undefined;
};

/**
 * Writes the decision into the head of a Node response as the head is written, for servers that
 * write whatever the app answered with one `writeHead(status, headers)` (@hono/node-server), and
 * to put it back for those that let the app change the response's headers (node:http). Only the
 * first `writeHead` is wrapped, and only for a decision that writes something; a second call before
 * the head is written replaces the decision. The caller's header object is copied, never changed.
 * A raw header array is set on the response first, as `on-headers` does. One shared function
 * wraps every response, and the response keeps its decision: no closure is made per request.
 */
export function writeOnHead(response: NodeHeadResponse, decision: CorsDecision): void {
  if (decision.headers.length === 0 && decision.vary.length === 0) return;
  const target = response as OnHeadResponse;
  if (target[PENDING_DECISION] === undefined) {
    target[OWN_WRITE_HEAD] = response.writeHead;
    response.writeHead = writeHeadWithDecision;
  }
  target[PENDING_DECISION] = decision;
}

function writeHeadWithDecision(this: OnHeadResponse, statusCode: number, ...rest: unknown[]) {
  const writeHead = this[OWN_WRITE_HEAD] as NodeHeadResponse['writeHead'];
  const decision = this[PENDING_DECISION] as CorsDecision;
  this.writeHead = writeHead;
  this[PENDING_DECISION] = undefined;
  // writeHead(statusCode[, statusMessage][, headers])
  const at = typeof rest[0] === 'string' ? 1 : 0;
  const given = rest[at];
  if (Array.isArray(given)) {
    // [name, value, name, value, …] or [[name, value], …]
    const nested = Array.isArray(given[0]);
    for (let i = 0; i < given.length; i += nested ? 1 : 2) {
      const [name, value] = nested ? given[i] : [given[i], given[i + 1]];
      this.setHeader(name, value);
    }
  }
  const headers = Array.isArray(given) ? undefined : (given as HeaderObject | undefined);
  rest[at] = withDecision(headers, decision, this);
  return writeHead.call(this, statusCode, ...rest);
}
