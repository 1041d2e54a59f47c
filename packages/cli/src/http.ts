/**
 * One HTTP/1.1 exchange over node:http or node:https: no redirects followed, no cookies kept,
 * the body left unread. The caller decides everything a browser would.
 */

import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { rootCertificates } from 'node:tls';

export interface TlsOptions {
  /** Extra CA certificates (PEM) to trust besides Node's bundled roots. */
  readonly ca?: string;
  /** Skip certificate verification altogether. */
  readonly insecure?: boolean;
}

export interface HttpExchangeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | null;
  readonly timeoutMs: number;
  readonly tls: TlsOptions;
}

export interface HttpExchangeResponse {
  readonly status: number;
  readonly statusText: string;
  /** One entry per field line, in the order received. */
  readonly headers: [string, string][];
  /** With --insecure: why the certificate would have been refused, when it would have. */
  readonly certificateError: string | null;
}

export type HttpFailureKind = 'network' | 'timeout' | 'tls';

/** The exchange failed before a response arrived. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  readonly kind: HttpFailureKind;
  readonly code: string;

  constructor(kind: HttpFailureKind, code: string, message: string) {
    super(message);
    this.kind = kind;
    this.code = code;
  }
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_|HOSTNAME|ALTNAME/;

/** Sends one request and resolves with the response head (the body is discarded). */
export function exchange(options: HttpExchangeRequest): Promise<HttpExchangeResponse> {
  const { method, url, headers, body, timeoutMs, tls } = options;
  // A repeated name goes out as one field line per value (node:http sends an array so).
  const outgoing: Record<string, string | string[]> = {};
  const names = new Map<string, string>();
  for (const [name, value] of headers) {
    const key = names.get(name.toLowerCase()) ?? name;
    names.set(name.toLowerCase(), key);
    const previous = outgoing[key];
    outgoing[key] = previous === undefined ? value : [previous, value].flat();
  }
  const https = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const common = {
      method,
      headers: outgoing,
      // A fresh connection per request, closed afterwards: nothing is kept between runs.
      agent: false as const,
    };
    let req: ClientRequest;
    const onResponse = (res: IncomingMessage): void => {
      const lines: [string, string][] = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
        lines.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
      }
      let certificateError: string | null = null;
      if (https) {
        const socket = res.socket as TLSSocket;
        if (socket.authorized === false && socket.authorizationError) {
          certificateError = String(socket.authorizationError);
        }
      }
      settle(() =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: lines,
          certificateError,
        }),
      );
      res.destroy();
    };
    try {
      req = https
        ? httpsRequest(
            url,
            {
              ...common,
              rejectUnauthorized: tls.insecure !== true,
              ...(tls.ca === undefined ? {} : { ca: [...rootCertificates, tls.ca] }),
            },
            onResponse,
          )
        : httpRequest(url, common, onResponse);
    } catch (error) {
      reject(new HttpFailure('network', 'ERR_INVALID_REQUEST', (error as Error).message));
      return;
    }
    timer = setTimeout(() => {
      settle(() =>
        reject(
          new HttpFailure(
            'timeout',
            'ETIMEDOUT',
            `no response from ${url.origin} within ${timeoutMs} ms`,
          ),
        ),
      );
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'ERR_NETWORK';
      const kind: HttpFailureKind = TLS_CODE.test(code) ? 'tls' : 'network';
      settle(() => reject(new HttpFailure(kind, code, error.message)));
    });
    req.end(body ?? undefined);
  });
}
