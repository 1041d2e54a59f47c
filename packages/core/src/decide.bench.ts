/**
 * Micro benchmark of `decide` alone: the CORS work per request, without any framework.
 * Run with `pnpm --filter @corsica/cors-core bench`. Not a test: numbers vary by machine.
 *
 * Each call gets a request with fresh header strings, as Node's HTTP parser makes them (a reused
 * string caches its hash and would flatter every lookup). mitata builds it before each timed call,
 * so building it is not counted.
 */
import { bench, do_not_optimize, run, summary } from 'mitata';
import type { CorsHeaderValue, CorsRequest } from './index.ts';
import { createCors } from './index.ts';

const cors = createCors({
  origins: ['https://app.example.com', 'https://admin.example.com', 'https://partner.example.org'],
  credentials: true,
  methods: ['PUT', 'PATCH', 'DELETE', 'POST'],
  allowedHeaders: ['Content-Type', 'X-Request-Id'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
});

/** Node's request headers are a plain object with lowercase names: read without copying. */
class NodeLikeRequest implements CorsRequest {
  constructor(
    readonly method: string,
    private readonly headers: Readonly<Record<string, string | undefined>>,
  ) {}
  header(name: string): CorsHeaderValue {
    return this.headers[name];
  }
}

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const allowedOrigin = bytes('https://admin.example.com');
const deniedOrigin = bytes('https://evil.example.net');
const method = bytes('PUT');
const requestHeaders = bytes('content-type,x-request-id');

const scenarios: Record<string, () => CorsRequest> = {
  'allowed preflight': () =>
    new NodeLikeRequest('OPTIONS', {
      origin: allowedOrigin.toString('latin1'),
      'access-control-request-method': method.toString('latin1'),
      'access-control-request-headers': requestHeaders.toString('latin1'),
    }),
  'allowed GET': () => new NodeLikeRequest('GET', { origin: allowedOrigin.toString('latin1') }),
  'GET from a disallowed origin': () =>
    new NodeLikeRequest('GET', { origin: deniedOrigin.toString('latin1') }),
  'GET without Origin': () => new NodeLikeRequest('GET', {}),
};

summary(() => {
  for (const [name, build] of Object.entries(scenarios)) {
    // mitata computes the parameter before each timed call, outside the timing: only decide counts.
    bench(`decide: ${name}`, function* () {
      yield { [0]: build, bench: (request: CorsRequest) => do_not_optimize(cors.decide(request)) };
    });
  }
});

await run();
