import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP, useColor } from '../src/cli.ts';
import type { CaseServers } from './fixtures.ts';
import { CASES, caseUrl, startCaseServers } from './fixtures.ts';
import { runCli, spawnBin } from './helpers.ts';

const PAGE = 'https://app.example.com';
let servers: CaseServers;
const urlOf = (id: string): string => caseUrl(servers, CASES.find((c) => c.id === id) ?? CASES[0]!);

beforeAll(async () => {
  servers = await startCaseServers(PAGE);
});
afterAll(async () => {
  await servers.close();
});

describe('--help', () => {
  it('fits in 24 lines, and comes from the bin', async () => {
    const run = await spawnBin(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(HELP);
    expect(run.stdout.trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  });

  it('is also printed by `check --help`', async () => {
    expect((await runCli(['check', '--help'])).stdout).toBe(HELP);
  });
});

describe('usage errors exit 2 and say what to do', () => {
  it.each([
    [['check'], 'missing <url>'],
    [['check', 'http://127.0.0.1:1/'], '--origin is required'],
    [['frobnicate'], 'unknown command "frobnicate": the commands are check and explain'],
    [
      ['check', 'http://127.0.0.1:1/', '--origin', PAGE, '--config', 'x.json'],
      'an option of explain',
    ],
    [['check', 'http://127.0.0.1:1/', '--origin', PAGE, '--bogus'], "Unknown option '--bogus'"],
    [['check', 'ftp://x/', '--origin', PAGE], 'only http and https URLs'],
    [['check', 'http://u:p@127.0.0.1:1/', '--origin', PAGE], 'username or password'],
    [['check', 'http://127.0.0.1:1/', '--origin', 'https://app.example.com/path'], 'has a path'],
    [['check', 'http://127.0.0.1:1/', '--origin', PAGE, '-X', 'TRACE'], 'forbidden method'],
    [['check', 'http://127.0.0.1:1/', '--origin', PAGE, '-X', 'GE T'], 'not a valid method'],
    [
      ['check', 'http://127.0.0.1:1/', '--origin', PAGE, '-d', 'x', '-X', 'GET'],
      'cannot have a body',
    ],
    [['check', 'http://127.0.0.1:1/', '--origin', PAGE, '-H', 'X-A'], 'has no colon'],
    [['check', 'http://127.0.0.1:1/', '--origin', PAGE, '-H', 'X-A: é€'], 'not a byte'],
    [['check', 'http://127.0.0.1:1/', '--origin', PAGE, '--timeout', '0'], '--timeout 0'],
  ])('%j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['Cookie: a=1', '--cookie'],
    ['Origin: https://evil.example', '--origin'],
    ['Host: example.com', 'put the host in the URL'],
    ['Sec-Fetch-Site: same-origin', 'only the browser sets Sec-* headers'],
    ['Proxy-Authorization: x', 'Proxy-*'],
    ['Access-Control-Request-Method: PUT', 'forbidden request-header'],
  ])('a forbidden header: %s', async (header, hint) => {
    const run = await runCli(['check', 'http://127.0.0.1:1/', '--origin', PAGE, '-H', header]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is a forbidden request-header: a script cannot set it');
    expect(run.stderr).toContain(hint);
  });
});

describe('warnings', () => {
  it('warns that a lowercase patch is sent as is, and PATCH was probably meant', async () => {
    const run = await runCli([
      'check',
      urlOf('method-patch-lowercase'),
      '--origin',
      PAGE,
      '-X',
      'patch',
      '-d',
      'x',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('fetch() sends patch as written');
    expect(run.stderr).toContain('PATCH was probably meant');
    expect(run.stdout).toContain('The page sends `patch` in lowercase');
  });

  it('says which Chromium difference a repeated header makes', async () => {
    const run = await runCli([
      'check',
      urlOf('valid'),
      '--origin',
      PAGE,
      '-H',
      `Accept: ${'a'.repeat(100)}`,
      '-H',
      `Accept: ${'b'.repeat(100)}`,
    ]);
    expect(run.stderr).toContain('Chromium joins them');
  });
});

describe('common errors: each is named, with its fix', () => {
  it.each([
    [
      'missing-acao',
      [],
      'no-allow-origin',
      'Send `Access-Control-Allow-Origin: https://app.example.com` on this response',
    ],
    [
      'method-missing',
      ['-X', 'DELETE'],
      'preflight-failed',
      'List the method in the preflight response: `Access-Control-Allow-Methods: DELETE`',
    ],
    [
      'wildcard-credentials',
      ['--credentials'],
      'credentials-refused',
      'With credentials, echo the origin: `Access-Control-Allow-Origin: https://app.example.com` with `Access-Control-Allow-Credentials: true`',
    ],
    [
      'acao-trailing-slash',
      [],
      'other',
      'Send `Access-Control-Allow-Origin: https://app.example.com`, byte for byte.',
    ],
  ])('%s → %s', async (id, extra, commonError, fix) => {
    const run = await runCli(['check', urlOf(id), '--origin', PAGE, ...extra]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`common error  ${commonError}`);
    expect(run.stdout).toContain(fix);
    const json = JSON.parse(
      (await runCli(['check', urlOf(id), '--origin', PAGE, ...extra, '--json'])).stdout,
    );
    expect(json.commonError).toBe(commonError);
    expect(json.fix).toContain(fix.replace(/^fix\s+/, ''));
  });

  it('follows the standard for Authorization under *, and says Chromium differs', async () => {
    const run = await runCli([
      'check',
      urlOf('wildcard-authorization'),
      '--origin',
      PAGE,
      '-H',
      'Authorization: Bearer x',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '`*` never covers Authorization: it must be listed by name (Chromium 156 still lets it through',
    );
  });

  it('explains the trailing slash, and the preflight ordering', async () => {
    const slash = await runCli(['check', urlOf('acao-trailing-slash'), '--origin', PAGE]);
    expect(slash.stdout).toContain('The trailing slash is the difference');
    const status = await runCli([
      'check',
      urlOf('preflight-404-with-origin'),
      '--origin',
      PAGE,
      '-X',
      'PUT',
    ]);
    expect(status.stdout).toContain(
      'The preflight was answered 404: it needs an ok status (200–299).',
    );
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  const args = (): string[] => ['check', urlOf('missing-acao'), '--origin', PAGE];

  it('is on for a TTY only', async () => {
    expect((await runCli(args(), { tty: true })).stdout).toContain(ESC);
    expect((await runCli(args(), { tty: false })).stdout).not.toContain(ESC);
  });

  it('honours --no-color, NO_COLOR and FORCE_COLOR', async () => {
    expect((await runCli([...args(), '--no-color'], { tty: true })).stdout).not.toContain(ESC);
    expect((await runCli(args(), { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await runCli(args(), { tty: false, env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await runCli(args(), { tty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain(
      ESC,
    );
  });

  it('is never used with --json, even forced', async () => {
    const run = await runCli([...args(), '--json'], { tty: true, env: { FORCE_COLOR: '3' } });
    expect(run.stdout).not.toContain(ESC);
    expect(run.stderr).not.toContain(ESC);
  });

  it('decides per stream', () => {
    expect(useColor({ write: () => true, isTTY: true }, { NO_COLOR: '' }, false)).toBe(true);
    expect(useColor({ write: () => true, isTTY: true }, { TERM: 'dumb' }, false)).toBe(false);
    expect(useColor({ write: () => true }, { FORCE_COLOR: '1' }, true)).toBe(false);
  });

  it('is off in a child process whose output is a pipe', async () => {
    const run = await spawnBin(args());
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain(ESC);
  });
});

describe('--json', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../schema/check-result.schema.json', import.meta.url), 'utf8'),
  );
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

  it.each(CASES.map((item) => [item.id, item] as const))(
    '%s validates against the schema',
    async (_id, item) => {
      const { method, headers, credentials, data } = item.request;
      const run = await runCli([
        'check',
        caseUrl(servers, item),
        '--origin',
        PAGE,
        '--json',
        '--send',
        ...(method === undefined ? [] : ['-X', method]),
        ...(headers ?? []).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
        ...(credentials === true ? ['--credentials'] : []),
        ...(data === undefined ? [] : ['-d', data]),
      ]);
      const json = JSON.parse(run.stdout);
      const valid = validate(json);
      expect(validate.errors ?? null).toBeNull();
      expect(valid).toBe(true);
      expect(json.schemaVersion).toBe(1);
    },
  );

  it('validates for an unverified and an error result too', async () => {
    const blocked = JSON.parse(
      (await runCli(['check', urlOf('method-missing'), '--origin', PAGE, '-H', 'X-A: 1', '--json']))
        .stdout,
    );
    expect(blocked.failedCheck).toBe('HeaderDisallowedByPreflightResponse');
    expect(validate(blocked)).toBe(true);
    const deleted = JSON.parse(
      (
        await runCli([
          'check',
          urlOf('allow-methods-empty-elements'),
          '--origin',
          PAGE,
          '-X',
          'DELETE',
          '--json',
        ])
      ).stdout,
    );
    expect(deleted.verdict).toBe('unverified');
    expect(validate(deleted)).toBe(true);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = JSON.parse(
      (await runCli(['check', `http://127.0.0.1:${port}/`, '--origin', PAGE, '--json'])).stdout,
    );
    expect(refused.verdict).toBe('error');
    expect(validate(refused)).toBe(true);
  });
});
