import { CONTENT_LENGTH, VARY } from '../protocol/headers.ts';
import { appendVary } from '../protocol/vary.ts';
import type { CorsDecision, CorsHeader } from '../types.ts';

/**
 * Writing a decision, once for every adapter. A decision is written in three parts: its CORS
 * headers (set, replacing any earlier value), its `Vary` tokens (appended to whatever the response
 * holds, https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches), and, when it carries a
 * status, how the response ends: that status, an empty body and `Content-Length: 0`.
 */

/** A response's headers, as a framework lets an adapter read and set them. */
export interface HeaderSink {
  /** The current value: a string, one string per field line, a number, or nothing. */
  get(name: string): string | number | readonly string[] | null | undefined;
  set(name: string, value: string): void;
}

/** What an ended response says about its body: nothing follows the head. */
export const EMPTY_BODY: CorsHeader = Object.freeze([CONTENT_LENGTH, '0'] as const);

/** Sets the decision's CORS headers and appends its Vary tokens; when it ends the response, `Content-Length: 0` too. */
export function writeDecision(sink: HeaderSink, decision: CorsDecision): void {
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i] as CorsHeader;
    sink.set(header[0], header[1]);
  }
  if (decision.vary.length > 0) {
    const vary = appendVary(sink.get(VARY), decision.vary);
    if (vary !== undefined) sink.set(VARY, vary);
  }
  if (decision.status !== undefined) sink.set(EMPTY_BODY[0], EMPTY_BODY[1]);
}

/**
 * Puts the decision back after the application ran, right before the response head is written:
 * each CORS header the app or an error handler changed gets the decision's value again, and Vary
 * gets the tokens it lost. Returns whether anything changed.
 */
export function restoreDecision(sink: HeaderSink, decision: CorsDecision): boolean {
  let changed = false;
  const headers = decision.headers;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i] as CorsHeader;
    if (sink.get(header[0]) !== header[1]) {
      sink.set(header[0], header[1]);
      changed = true;
    }
  }
  if (decision.vary.length > 0) {
    const vary = appendVary(sink.get(VARY), decision.vary);
    if (vary !== undefined) {
      sink.set(VARY, vary);
      changed = true;
    }
  }
  return changed;
}

/**
 * Every header of a response the CORS layer ends itself (a preflight, a rejection), as a plain
 * object: for frameworks and runtimes that take headers whole (`new Response(null, { headers })`).
 */
export function endedResponseHeaders(decision: CorsDecision): Record<string, string> {
  const record: Record<string, string> = {};
  writeDecision(new RecordHeaders(record), decision);
  return record;
}

/** A record of the headers of a response still to be made (no closures: see `nodeResponseHeaders`). */
class RecordHeaders implements HeaderSink {
  readonly record: Record<string, string>;
  constructor(record: Record<string, string>) {
    this.record = record;
  }
  get(name: string) {
    return this.record[name];
  }
  set(name: string, value: string) {
    this.record[name] = value;
  }
}

/** A plain header object: hapi's `response.headers`, a Boom error's `output.headers`. */
export type HeaderObject = Record<string, string | number | readonly string[] | undefined>;

/**
 * A plain header object as a sink. Such objects keep names as the app wrote them (`Vary`,
 * `vary`), and a server writing both sends one of them: names are matched case-insensitively,
 * and a value is set under the spelling the object already has.
 */
export function headerObject(headers: HeaderObject): HeaderSink {
  return new ObjectHeaders(headers);
}

class ObjectHeaders implements HeaderSink {
  readonly headers: HeaderObject;
  constructor(headers: HeaderObject) {
    this.headers = headers;
  }
  #keyOf(name: string): string {
    if (Object.hasOwn(this.headers, name)) return name;
    for (const key in this.headers) if (key.toLowerCase() === name) return key;
    return name;
  }
  get(name: string) {
    return this.headers[this.#keyOf(name)];
  }
  set(name: string, value: string) {
    this.headers[this.#keyOf(name)] = value;
  }
}
