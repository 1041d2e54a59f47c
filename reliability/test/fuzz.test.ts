import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, METHODS } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { policies } from '../src/policies.ts';
import type { AdapterId, RunningServer } from '../src/servers/index.ts';
import {
  ADAPTER_IDS,
  isAdapterId,
  loadAdapter,
  NODE_DEFAULT_MAX_HEADER_SIZE,
  RAISED_MAX_HEADER_SIZE,
} from '../src/servers/index.ts';
import type { FuzzRequest } from './arbitraries.ts';
import { fuzzRequest, headBytes } from './arbitraries.ts';
import type { Exchange, WireResponse } from './client.ts';
import { exchange, newAgent } from './client.ts';
import type { Router } from './oracle.ts';
import { ANY_ROUTER, expectedGrant, isPreflight, ROUTERS, violations } from './oracle.ts';

/**
 * Deterministic fuzzing over HTTP: the same seeded requests against every adapter's server,
 * in-process, each response judged by the independent oracle in test/oracle.ts.
 *
 *   FC_SEED=<n> FC_RUNS=<n> FUZZ_ADAPTERS=express,koa pnpm --filter @corsica/reliability test fuzz
 *   pnpm --filter @corsica/reliability fuzz      (long run: 3,000 requests per adapter)
 *
 * Invariants, for every request: the server keeps answering; no 5xx that the same application
 * without Corsica does not also give; never an Access-Control-Allow-Origin the policy does not
 * allow, nor `*` with credentials, nor more than one line; preflight grants only for allowed
 * methods and headers. For requests a browser could send, the oracle also says what must be
 * granted. 400 and 431 from Node's own parser (no header but `Connection: close`) are accepted
 * outcomes, counted in the summary, as are connections Node closes mid-request when the head is
 * over `maxHeaderSize`.
 */

const SEED = Number(process.env['FC_SEED'] ?? 20_260_101);
const LONG = process.env['FUZZ_LONG'] === '1';
const RUNS = Number(process.env['FC_RUNS'] ?? (LONG ? 3000 : 300));
const ADAPTERS: readonly AdapterId[] = (
  process.env['FUZZ_ADAPTERS']?.split(',') ?? [...ADAPTER_IDS]
).filter(isAdapterId);

interface Target {
  readonly server: RunningServer;
  readonly agent: Agent;
}

/** Servers of one adapter, started on first use: one per policy and header limit. */
class ServerPool {
  readonly #adapter: AdapterId;
  readonly #servers = new Map<string, Promise<Target>>();

  constructor(adapter: AdapterId) {
    this.#adapter = adapter;
  }

  get(request: FuzzRequest, cors = true): Promise<Target> {
    const maxHeaderSize = request.defaultHeaderSize ? undefined : RAISED_MAX_HEADER_SIZE;
    const key = `${cors ? request.policy : 'no-cors'}:${maxHeaderSize ?? 'default'}`;
    let target = this.#servers.get(key);
    if (target === undefined) {
      target = loadAdapter(this.#adapter)
        .then((adapter) => adapter.start({ policy: request.policy, maxHeaderSize, cors }))
        .then((server) => ({ server, agent: newAgent() }));
      this.#servers.set(key, target);
    }
    return target;
  }

  async close(): Promise<void> {
    for (const target of this.#servers.values()) {
      const { server, agent } = await target.catch(() => ({ server: undefined, agent: undefined }));
      agent?.destroy();
      await server?.close();
    }
  }
}

const send = (target: Target, request: FuzzRequest): Promise<Exchange> =>
  exchange(target.agent, target.server.port, request);

/** A plain request the server must answer with 200 `ok`. */
async function stillAnswers(target: Target): Promise<boolean> {
  const probe = await exchange(target.agent, target.server.port, {
    method: 'GET',
    path: '/api/probe',
    headers: [],
  });
  return probe.ok && probe.response.status === 200 && probe.response.body === 'ok';
}

/** What test/wire.test.ts finds Node's parser refuses: unknown methods, bytes above 0x7E in the target. */
function refusedByNodeParser(request: FuzzRequest): boolean {
  return !METHODS.includes(request.method) || /[^\x21-\x7e]/.test(request.path);
}

/**
 * 400 or 431 for a request Node's HTTP parser refused, before any listener: Node's own answer
 * (`Connection: close` and nothing else), or fastify's `clientError` answer (a JSON body whose
 * message is fastify's, no `Connection: close`, then the socket destroyed).
 */
function fromNodeParser(response: WireResponse): string | undefined {
  if (response.status !== 400 && response.status !== 431) return undefined;
  if (
    response.rawNames.length === 1 &&
    response.rawNames[0]?.toLowerCase() === 'connection' &&
    response.body === ''
  )
    return `${response.status} from Node's parser`;
  if (
    response.rawNames.every((name) => /^content-(length|type)$/i.test(name)) &&
    /^\{"error":"[^"]+","message":"(Client Error|Exceeded maximum allowed HTTP header size)"/.test(
      response.body,
    )
  )
    return `${response.status} from Node's parser (fastify's clientError answer)`;
  return undefined;
}

function describeRequest(request: FuzzRequest): string {
  const shorten = (value: string): string =>
    value.length > 120
      ? `${JSON.stringify(value.slice(0, 100))}… (${value.length} chars)`
      : JSON.stringify(value);
  return [
    `policy ${request.policy}, maxHeaderSize ${request.defaultHeaderSize ? 'default' : 'raised'}`,
    `${request.method} ${shorten(request.path)}`,
    ...request.headers.map(([name, value]) => `${name}: ${shorten(value)}`),
  ].join('\n  ');
}

/** What was wrong with this exchange; counts its outcome into `outcomes`. */
async function judge(
  pool: Pick<ServerPool, 'get'>,
  request: FuzzRequest,
  outcomes: Map<string, number>,
  router: Router,
): Promise<string[]> {
  const count = (key: string): void => {
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  };
  const target = await pool.get(request);
  const limit = request.defaultHeaderSize ? NODE_DEFAULT_MAX_HEADER_SIZE : RAISED_MAX_HEADER_SIZE;
  const result = await send(target, request);

  if (!result.ok) {
    if (!(await stillAnswers(target))) return [`the server stopped answering (${result.code})`];
    if (headBytes(request, '127.0.0.1:65535') > limit - 2048) {
      count(`connection closed by Node (head over maxHeaderSize): ${result.code}`);
      return [];
    }
    if (
      result.code.startsWith('HPE_') &&
      request.method === 'HEAD' &&
      refusedByNodeParser(request)
    ) {
      // fastify's clientError answer carries a JSON body even to HEAD, which the client then
      // reads as the start of the next response.
      count(
        `unreadable answer to a HEAD Node's parser refused (fastify's clientError body): ${result.code}`,
      );
      return [];
    }
    return [`no response: ${result.code}`];
  }

  const { response } = result;
  if (result.retried) count('sent again after a reset of a kept-alive connection');
  const problems: string[] = [];
  const parser = fromNodeParser(response);
  if (parser !== undefined) {
    count(parser);
    if (!(await stillAnswers(target)))
      problems.push(`the server stopped answering after a ${response.status}`);
    return problems;
  }
  count(String(response.status));

  if (response.status >= 500) {
    const bare = await send(await pool.get(request, false), request);
    if (bare.ok && bare.response.status >= 500) count(`${response.status} also without Corsica`);
    else problems.push(`${response.status}, which the application without Corsica does not give`);
  }
  problems.push(...violations(policies[request.policy].oracle, request, response, router));

  if (request.clean) {
    const expected = expectedGrant(policies[request.policy].oracle, request, router);
    const acao = response.headers['access-control-allow-origin'] ?? [];
    const acac = response.headers['access-control-allow-credentials'] ?? [];
    if (expected === undefined) {
      if (acao.length > 0) problems.push('granted where the oracle expects a denial');
      if (isPreflight(request) && response.status !== 403)
        problems.push(`denied preflight answered ${response.status}, not 403`);
    } else {
      if (acao.length !== 1 || acao[0] !== expected.allowOrigin)
        problems.push(
          `expected Access-Control-Allow-Origin ${JSON.stringify(expected.allowOrigin)}, got ${JSON.stringify(acao)}`,
        );
      if ((acac[0] === 'true') !== expected.credentials)
        problems.push(`expected credentials ${expected.credentials}, got ${JSON.stringify(acac)}`);
      if (isPreflight(request) && (response.status < 200 || response.status > 299))
        problems.push(`allowed preflight answered ${response.status}`);
    }
  }
  if (problems.length > 0) {
    problems.push(
      `response ${response.status}: ${JSON.stringify(
        Object.fromEntries(
          Object.entries(response.headers).filter(
            ([name]) => name.startsWith('access-control-') || name === 'vary',
          ),
        ),
      )}`,
    );
  }
  return problems;
}

const summaries: string[] = [];

describe.each(ADAPTERS)('fuzz %s', (adapter) => {
  const pool = new ServerPool(adapter);
  afterAll(() => pool.close());

  test(`${RUNS} requests (seed ${SEED}) stay within the policy`, async () => {
    const outcomes = new Map<string, number>();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        const problems = await judge(pool, request, outcomes, ROUTERS[adapter]);
        if (problems.length > 0)
          throw new Error(`${problems.join('\n')}\nrequest:\n  ${describeRequest(request)}`);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = [...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([key, n]) => `${key} ×${n}`)
      .join(', ');
    summaries.push(`${adapter.padEnd(13)} ${RUNS} requests in ${seconds} s: ${counts}`);
    expect(outcomes.size).toBeGreaterThan(0);
  });
});

describe('the fuzz itself', () => {
  test('catches a server that reflects every Origin with credentials', async () => {
    // What `cors({ origin: true, credentials: true })` does, minus the framework.
    const reflect = (request: IncomingMessage, response: ServerResponse): void => {
      if (request.headers.origin !== undefined) {
        response.setHeader('access-control-allow-origin', request.headers.origin);
        response.setHeader('access-control-allow-credentials', 'true');
      }
      response.end('ok');
    };
    const server = createServer({ maxHeaderSize: RAISED_MAX_HEADER_SIZE }, reflect);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const target: Target = {
      server: { port, url: `http://127.0.0.1:${port}`, close: async () => {} },
      agent: newAgent(),
    };
    try {
      const result = await fc.check(
        fc.asyncProperty(fuzzRequest, async (request) => {
          const problems = await judge({ get: async () => target }, request, new Map(), ANY_ROUTER);
          if (problems.length > 0) throw new Error(problems.join('\n'));
        }),
        { seed: SEED, numRuns: RUNS },
      );
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toMatch(/granted|does not allow|does not give/);
    } finally {
      target.agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

afterAll(() => {
  console.log(`fuzz outcomes (seed ${SEED}):\n${summaries.join('\n')}`);
});
