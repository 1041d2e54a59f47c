import type { RequestSpec } from '../requests.ts';
import { freshHeaderObject } from '../requests.ts';

/**
 * Minimal stand-ins for express's req and res: only what a CORS middleware touches. Node's real
 * setHeader validates names and values with regular expressions, which would add a constant to
 * every row; the scale section is about how Corsica's own cost grows, so it uses these.
 */
export interface MockRequest {
  readonly method: string;
  readonly url: string;
  readonly originalUrl: string;
  readonly headers: Record<string, string>;
}

export class MockResponse {
  statusCode = 200;
  ended = false;
  readonly #headers = new Map<string, string | number | readonly string[]>();

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.#headers.set(name.toLowerCase(), value);
    return this;
  }

  getHeader(name: string): string | number | readonly string[] | undefined {
    return this.#headers.get(name.toLowerCase());
  }

  writeHead(statusCode: number): this {
    this.statusCode = statusCode;
    return this;
  }

  end(): this {
    this.ended = true;
    return this;
  }
}

export interface MockExchange {
  readonly req: MockRequest;
  readonly res: MockResponse;
}

export function mockExchange(spec: RequestSpec): MockExchange {
  return {
    req: {
      method: spec.method,
      url: spec.path,
      originalUrl: spec.path,
      headers: freshHeaderObject(spec),
    },
    res: new MockResponse(),
  };
}
