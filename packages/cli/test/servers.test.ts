import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckOptions } from '../src/index.ts';
import { check } from '../src/index.ts';
import type { Case, CaseServers } from './fixtures.ts';
import { CASES, caseUrl, startCaseServers } from './fixtures.ts';
import { runCli, spawnBin } from './helpers.ts';

const PAGE = 'https://app.example.com';
let servers: CaseServers;

beforeAll(async () => {
  servers = await startCaseServers(PAGE);
});
afterAll(async () => {
  await servers.close();
});

function optionsOf(item: Case, extra: Partial<CheckOptions> = {}): CheckOptions {
  const { method, headers, credentials, data } = item.request;
  return {
    url: caseUrl(servers, item),
    origin: PAGE,
    ...(method === undefined ? {} : { method }),
    ...(headers === undefined ? {} : { headers }),
    ...(credentials === undefined ? {} : { credentials }),
    ...(data === undefined ? {} : { data }),
    send: true,
    ...extra,
  };
}

function argsOf(item: Case): string[] {
  const { method, headers, credentials, data } = item.request;
  return [
    'check',
    caseUrl(servers, item),
    '--origin',
    PAGE,
    ...(method === undefined ? [] : ['--method', method]),
    ...(headers ?? []).flatMap(([name, value]) => ['--header', `${name}: ${value}`]),
    ...(credentials === true ? ['--credentials'] : []),
    ...(data === undefined ? [] : ['--data', data]),
    '--send',
  ];
}

const exitOf = (item: Case): number => (item.expect.verdict === 'block' ? 1 : 0);

/** Requests the servers received while `action` ran. */
async function received(action: () => Promise<unknown>): Promise<CaseServers['log']> {
  const start = servers.log.length;
  await action();
  return servers.log.slice(start);
}

describe('crafted responses, through check()', () => {
  it.each(CASES.map((item) => [item.id, item] as const))('%s', async (_id, item) => {
    const result = await check(optionsOf(item));
    expect(result.verdict).toBe(item.expect.verdict);
    expect(result.failedCheck).toBe(item.expect.failedCheck);
    expect(result.commonError).toBe(item.expect.commonError);
    if (item.expect.failedParameter !== undefined) {
      expect(result.failedParameter).toBe(item.expect.failedParameter);
    }
    if (result.verdict === 'block') {
      expect(result.fix).toEqual(expect.any(String));
      expect(result.detail).toEqual(expect.any(String));
    }
  });
});

describe('crafted responses, through the command line', () => {
  it.each(CASES.map((item) => [item.id, item] as const))(
    '%s: exit code and JSON',
    async (_id, item) => {
      const run = await runCli([...argsOf(item), '--json']);
      expect(run.code).toBe(exitOf(item));
      const json = JSON.parse(run.stdout);
      expect(json.failedCheck).toBe(item.expect.failedCheck);
      expect(json.commonError).toBe(item.expect.commonError);
    },
  );

  const spawned = [
    'missing-acao',
    'wildcard-credentials',
    'preflight-404',
    'header-missing',
    'valid',
  ];
  it.each(spawned)('%s, spawning the bin', async (id) => {
    const item = CASES.find((c) => c.id === id) as Case;
    const run = await spawnBin([...argsOf(item), '--json']);
    expect(run.code).toBe(exitOf(item));
    const json = JSON.parse(run.stdout);
    expect(json.verdict).toBe(item.expect.verdict);
    expect(json.failedCheck).toBe(item.expect.failedCheck);
    expect(json.commonError).toBe(item.expect.commonError);
  });

  it('prints the verdict, the failed check, the common error and the fix, spawning the bin', async () => {
    const item = CASES.find((c) => c.id === 'method-lowercase-listed') as Case;
    const run = await spawnBin(argsOf(item));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ BLOCKED: the browser would block this request');
    expect(run.stdout).toContain('failed check  MethodDisallowedByPreflightResponse (PUT)');
    expect(run.stdout).toContain('common error  preflight-failed');
    expect(run.stdout).toContain('Methods are compared case-sensitively: `put` is not `PUT`.');
    expect(run.stdout).toContain(
      'fix           List the method in the preflight response: `Access-Control-Allow-Methods: PUT`',
    );
    expect(run.stdout).not.toContain('\u001b[');
  });
});

describe('what goes on the wire', () => {
  it('sends the preflight with Origin, the method and the sorted lowercase unsafe names, and no cookie', async () => {
    const item = CASES.find((c) => c.id === 'valid') as Case;
    const log = await received(() =>
      check(
        optionsOf(item, {
          headers: [
            ['X-Zeta', '1'],
            ['Content-Type', 'application/json'],
            ['X-Alpha', '1'],
          ],
          credentials: true,
          cookie: 'session=1',
        }),
      ),
    );
    expect(log[0]).toMatchObject({
      method: 'OPTIONS',
      origin: PAGE,
      acrm: 'PUT',
      acrh: 'content-type,x-alpha,x-zeta',
    });
  });

  it('stops after the preflight for a DELETE unless --send', async () => {
    const item = CASES.find((c) => c.id === 'allow-methods-empty-elements') as Case;
    let result = await check({ ...optionsOf(item), send: false });
    const withoutSend = servers.log.slice(-1);
    expect(result.verdict).toBe('unverified');
    expect(result.actual.sent).toBe(false);
    expect(result.actual.wouldSend).toMatch(
      /^would send DELETE http:\/\/127\.0\.0\.1:\d+\/case\/allow-methods-empty-elements/,
    );
    expect(withoutSend.map((entry) => entry.method)).toEqual(['OPTIONS']);
    const log = await received(async () => {
      result = await check(optionsOf(item));
    });
    expect(log.map((entry) => entry.method)).toEqual(['OPTIONS', 'DELETE']);
    expect(result.verdict).toBe('allow');
  });

  it('sends nothing for a simple POST without --send, and says the browser would send it', async () => {
    const item = CASES.find((c) => c.id === 'simple-post') as Case;
    const log = await received(async () => {
      const run = await runCli(argsOf(item).filter((arg) => arg !== '--send'));
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('would send POST');
      expect(run.stdout).toContain('no preflight needed');
    });
    expect(log).toEqual([]);
  });

  it('follows a same-origin hop, then a cross-origin hop after which Origin is null', async () => {
    const item = CASES.find((c) => c.id === 'redirect-chain') as Case;
    let hops: Awaited<ReturnType<typeof check>>['hops'] = [];
    const log = await received(async () => {
      hops = (await check(optionsOf(item))).hops;
    });
    expect(
      hops.map((hop) => [hop.url.replace(/:\d+/, ''), hop.origin, hop.tainted, hop.passed]),
    ).toEqual([
      ['http://127.0.0.1/case/redirect-chain/start', PAGE, false, true],
      ['http://127.0.0.1/case/redirect-chain/middle', PAGE, false, true],
      ['http://127.0.0.1/case/redirect-chain/end', 'null', true, true],
    ]);
    expect(log.map((entry) => entry.origin)).toEqual([PAGE, PAGE, 'null']);
    expect(new URL(log[2]?.url ?? '').origin).toBe(servers.other);
    const run = await runCli(argsOf(item));
    expect(run.stdout).toContain('1. GET');
    expect(run.stdout).toContain('3. GET');
    expect(run.stdout).toContain('origin tainted by a cross-origin redirect: Origin is null');
  });

  it('preflights again, with Origin: null, after a cross-origin redirect', async () => {
    const item = CASES.find((c) => c.id === 'tainted-preflight') as Case;
    const log = await received(() => check(optionsOf(item)));
    expect(log.map((entry) => [entry.method, entry.origin])).toEqual([
      ['OPTIONS', PAGE],
      ['PUT', PAGE],
      ['OPTIONS', 'null'],
      ['PUT', 'null'],
    ]);
  });

  it('turns a POST into a GET on a 303, dropping its body headers', async () => {
    const item = CASES.find((c) => c.id === 'see-other') as Case;
    const result = await check(optionsOf(item));
    expect(result.hops.map((hop) => hop.method)).toEqual(['POST', 'GET']);
    expect(result.hops[1]?.request.headers.some(([name]) => name === 'Content-Type')).toBe(false);
  });

  it('sends --cookie only with --credentials, and never on the preflight', async () => {
    const item = CASES.find((c) => c.id === 'credentials-granted') as Case;
    const credentialed = await check(optionsOf(item, { cookie: 'a=1' }));
    expect(credentialed.verdict).toBe('allow');
    const [hop] = credentialed.hops;
    expect(hop?.preflight?.request.headers.some(([name]) => name === 'Cookie')).toBe(false);
    expect(hop?.request.headers).toContainEqual(['Cookie', 'a=1']);
    const anonymous = await check(optionsOf(item, { credentials: false, cookie: 'a=1' }));
    expect(anonymous.hops[0]?.request.headers.some(([name]) => name === 'Cookie')).toBe(false);
    expect(anonymous.warnings.join('\n')).toContain('--cookie was not sent');
  });

  it('sends Origin: null for an opaque origin, which only `null` matches', async () => {
    const item = CASES.find((c) => c.id === 'acao-null') as Case;
    const log = await received(async () => {
      expect((await check({ url: caseUrl(servers, item), origin: 'null' })).verdict).toBe('allow');
    });
    expect(log.map((entry) => entry.origin)).toEqual(['null']);
  });

  it('skips CORS for a same-origin request', async () => {
    const item = CASES.find((c) => c.id === 'missing-acao') as Case;
    const result = await check({ url: caseUrl(servers, item), origin: servers.main });
    expect(result.verdict).toBe('allow');
    expect(result.hops[0]).toMatchObject({ mode: 'same-origin', origin: null, passed: null });
  });
});

describe('redirect limits and errors', () => {
  it('gives up after 20 redirects, as fetch() does', async () => {
    const server = createServer((req, res) => {
      const n = Number(req.url?.slice(1) ?? 0);
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.statusCode = 302;
      res.setHeader('Location', `/${n + 1}`);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const result = await check({ url: `http://127.0.0.1:${port}/0`, origin: PAGE });
      expect(result.verdict).toBe('block');
      expect(result.failedCheck).toBeNull();
      expect(result.netError).toBe('ERR_TOO_MANY_REDIRECTS');
      expect(result.hops).toHaveLength(21);
      expect(result.actual.redirects).toBe(20);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('exits 2 when the connection is refused', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const run = await runCli(['check', `http://127.0.0.1:${port}/`, '--origin', PAGE, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      verdict: 'error',
      error: { kind: 'network', code: 'ECONNREFUSED' },
    });
    expect(run.stderr).toContain('ECONNREFUSED');
  });

  it('exits 2 on a timeout', async () => {
    const server = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const run = await runCli([
        'check',
        `http://127.0.0.1:${port}/`,
        '--origin',
        PAGE,
        '--timeout',
        '150',
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('timeout error: no response from');
      expect(run.stdout).toContain('✗ ERROR');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
