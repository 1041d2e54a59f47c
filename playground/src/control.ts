import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The playground's own endpoints change what seven servers on the user's machine allow, so they
 * are guarded like any local admin API a web page could reach:
 *
 * - **Host**, on every request: exactly `localhost:P` or `127.0.0.1:P`. A DNS-rebinding page
 *   (`evil.example` re-resolved to 127.0.0.1) is same-origin with its own host name, so its
 *   requests pass every browser check; only the Host header it cannot change gives it away.
 * - **Origin**, on every write: exactly the page origin of the Host the request came to, and a
 *   `Sec-Fetch-Site` of `same-origin` when the browser sends one. A form or a `no-cors` fetch from
 *   another origin carries its own Origin (https://fetch.spec.whatwg.org/#origin-header).
 * - **`application/json` only**, on every write: another origin can send `text/plain`, forms and
 *   multipart without a preflight (https://fetch.spec.whatwg.org/#cors-safelisted-request-header),
 *   never JSON; and the playground answers no preflight.
 * - **A per-run token**, on every `/api/…` and `/control/…` request: random, embedded in the page,
 *   sent in a header (which another origin could only send after a preflight it never gets).
 *
 * The server listens on 127.0.0.1 only.
 */
export interface Gate {
  /** `localhost:P` and `127.0.0.1:P`. */
  readonly hosts: readonly string[];
  readonly token: string;
}

/** What the gate reads from a request: lowercase header values, undefined when absent. */
export interface RequestFacts {
  readonly method: string;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly secFetchSite: string | undefined;
  readonly contentType: string | undefined;
  readonly token: string | undefined;
}

export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: number; readonly reason: string };

const OK: Verdict = { ok: true };
const refuse = (status: number, reason: string): Verdict => ({ ok: false, status, reason });

/** Every request to the playground: its Host must be one of the page's. */
export function checkHost(gate: Gate, facts: Pick<RequestFacts, 'host'>): Verdict {
  return facts.host !== undefined && gate.hosts.includes(facts.host)
    ? OK
    : refuse(403, `Host ${JSON.stringify(facts.host ?? null)} is not this playground's`);
}

/** `GET /api/…`: the Host and the token. */
export function checkRead(gate: Gate, facts: RequestFacts): Verdict {
  const host = checkHost(gate, facts);
  if (!host.ok) return host;
  if (facts.method !== 'GET') return refuse(405, `${facts.method} is not allowed here`);
  return checkToken(gate, facts);
}

/** `POST /control/…`: the Host, the method, the Origin, the token, and a JSON body. */
export function checkWrite(gate: Gate, facts: RequestFacts): Verdict {
  const host = checkHost(gate, facts);
  if (!host.ok) return host;
  if (facts.method !== 'POST') return refuse(405, `${facts.method} is not allowed here`);
  // The Host passed: the only origin allowed to write is the page served from that same host.
  if (facts.origin !== `http://${facts.host}`) {
    return refuse(403, `Origin ${JSON.stringify(facts.origin ?? null)} may not change the policy`);
  }
  if (facts.secFetchSite !== undefined && facts.secFetchSite !== 'same-origin') {
    return refuse(403, `Sec-Fetch-Site ${facts.secFetchSite} may not change the policy`);
  }
  const token = checkToken(gate, facts);
  if (!token.ok) return token;
  if (!isJson(facts.contentType)) {
    return refuse(
      415,
      `Content-Type ${JSON.stringify(facts.contentType ?? null)}: send application/json`,
    );
  }
  return OK;
}

function checkToken(gate: Gate, facts: Pick<RequestFacts, 'token'>): Verdict {
  return facts.token !== undefined && sameSecret(facts.token, gate.token)
    ? OK
    : refuse(403, 'missing or wrong playground token (reload the page)');
}

/** Compares digests, so the time taken says nothing about the token, not even its length. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const essence = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return essence === 'application/json';
}
