import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCors } from '@corsica/cors-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importError } from '../src/explain.ts';
import type { ExplainResult } from '../src/index.ts';
import { explain } from '../src/index.ts';
import { runCli, spawnBin } from './helpers.ts';

const PAGE = 'https://app.example.com';
const EVIL = 'https://evil.example.net';
const STANDARD = {
  origins: [PAGE],
  methods: ['PUT'],
  allowedHeaders: ['Content-Type'],
};

/** Policy files, as users write them (committed: they import @corsica/cors-core). */
const FIXTURES = fileURLToPath(new URL('./explain-fixtures/', import.meta.url));
const file = (name: string): string => join(FIXTURES, name);

/** Files made for this run: a broken one, and ones in a directory with an awkward name. */
let scratch: string;

beforeAll(() => {
  // Under the package's node_modules, so a config file that imports @corsica/cors-core resolves
  // it as a user's would.
  const cache = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url));
  mkdirSync(cache, { recursive: true });
  scratch = mkdtempSync(join(cache, 'explain-'));
  writeFileSync(join(scratch, 'broken.json'), '{ "origins": ');
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** `corsica explain … --json`, in-process: the exit code and the parsed result. */
async function explainJson(
  args: readonly string[],
): Promise<{ code: number; result: ExplainResult; stderr: string }> {
  const run = await runCli(['explain', ...args, '--json']);
  return { code: run.code, result: JSON.parse(run.stdout) as ExplainResult, stderr: run.stderr };
}

describe('corsica explain: loading the policy', () => {
  it.each(['standard.mjs', 'standard.json', 'standard.cjs'])(
    'reads the default export of %s, through its file URL',
    async (name) => {
      const { code, result } = await explainJson([
        '--config',
        file(name),
        '--origin',
        PAGE,
        '-X',
        'PUT',
      ]);
      expect(code).toBe(0);
      expect(result.verdict).toBe('allow');
      expect(result.config).toBe(file(name));
      expect(result.preflight.decision?.headers).toStrictEqual([
        ['access-control-allow-origin', PAGE],
        ['access-control-allow-methods', 'PUT'],
      ]);
    },
  );

  it('takes a policy compiled with createCors() as the default export', async () => {
    const { code, result } = await explainJson([
      '--config',
      file('handle.mjs'),
      '--origin',
      PAGE,
      '-X',
      'DELETE',
      '--credentials',
    ]);
    expect(code).toBe(0);
    expect(result.preflight.decision).toMatchObject({ allowed: true, status: 204 });
    expect(result.actual?.headers).toStrictEqual([
      ['access-control-allow-origin', PAGE],
      ['access-control-allow-credentials', 'true'],
    ]);
  });

  it('imports through a file URL: a path with "#", "%20" and spaces, spawning the bin', async () => {
    // Vite's module runner reads "#" as a fragment, so this runs in plain Node.
    const odd = join(scratch, 'odd #1 %20 dir');
    mkdirSync(odd);
    writeFileSync(join(odd, 'policy.mjs'), `export default ${JSON.stringify(STANDARD)};\n`);
    writeFileSync(
      join(odd, 'handle.cjs'),
      `module.exports = require('@corsica/cors-core').createCors(${JSON.stringify(STANDARD)});\n`,
    );
    for (const name of ['policy.mjs', 'handle.cjs']) {
      const run = await spawnBin([
        'explain',
        '--config',
        join(odd, name),
        '--origin',
        PAGE,
        '--json',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'allow', config: join(odd, name) });
    }
  });

  it('imports a .ts policy when Node runs with a loader (tsx here), spawning the bin', async () => {
    const run = await spawnBin(['explain', '--config', file('policy.ts'), '--origin', PAGE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ ALLOWED');
  });

  it('without a loader, a .ts policy gets an error that says to use one', () => {
    const failure = Object.assign(new TypeError('Unknown file extension ".ts"'), {
      code: 'ERR_UNKNOWN_FILE_EXTENSION',
    });
    expect(importError('/app/cors.config.ts', failure).message).toBe(
      '/app/cors.config.ts: Node cannot import TypeScript by itself. Run corsica with a loader (node --import tsx "$(command -v corsica)" explain …), or write the policy as .mjs or .json.',
    );
    expect(importError('/app/cors.config.mjs', new Error('boom')).message).toBe(
      'cannot load /app/cors.config.mjs: boom',
    );
  });

  it('resolves a relative --config from the working directory', async () => {
    const result = await explain({ config: 'standard.json', cwd: FIXTURES, origin: PAGE });
    expect(result.config).toBe(file('standard.json'));
    expect(result.verdict).toBe('allow');
  });

  it.each([
    ['no-default.mjs', 'has no default export'],
    ['broken.json', 'is not JSON'],
    ['missing.json', 'cannot read'],
    ['missing.mjs', 'cannot read'],
    ['policy.yaml', 'expected a .json, .js, .mjs or .cjs file'],
  ])('%s: exit 2 with %j', async (name, message) => {
    // broken.json is made for the run: Biome would refuse it in the repository.
    const path = name === 'broken.json' ? join(scratch, name) : file(name);
    const run = await runCli(['explain', '--config', path, '--origin', PAGE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

describe('corsica explain: a refused policy', () => {
  it('explains the CorsConfigError with its codes, and exits 1', async () => {
    const { code, result } = await explainJson([
      '--config',
      file('wildcard-credentials.json'),
      '--origin',
      PAGE,
    ]);
    expect(code).toBe(1);
    expect(result.verdict).toBe('invalid-config');
    expect(result.configError?.problems.map((problem) => problem.code)).toStrictEqual([
      'origin-wildcard-with-credentials',
    ]);
    expect(result.configError?.explanation).toContain('origins [origin-wildcard-with-credentials]');
    expect(result.configError?.explanation).toContain('Why: Browsers refuse');
  });

  it('explains the error a config module throws while it is imported', async () => {
    const run = await runCli([
      'explain',
      '--config',
      file('throws-at-import.mjs'),
      '--origin',
      PAGE,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ INVALID CONFIG: createCors() refuses this policy');
    expect(run.stdout).toContain('[origin-trailing-slash]');
  });
});

describe('corsica explain: what the browser would make of the answer', () => {
  it('a denied preflight: Chromium reads 403 without Access-Control-Allow-Origin first', async () => {
    const { code, result } = await explainJson([
      '--config',
      file('standard.json'),
      '--origin',
      PAGE,
      '-X',
      'PUT',
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Trace',
    ]);
    expect(code).toBe(1);
    expect(result).toMatchObject({
      verdict: 'block',
      failedCheck: 'PreflightMissingAllowOriginHeader',
      failedParameter: '',
      commonError: 'no-allow-origin',
      actual: null,
    });
    expect(result.preflight).toMatchObject({
      needed: true,
      requestMethod: 'PUT',
      requestHeaders: 'content-type,x-trace',
    });
    expect(result.preflight.decision).toMatchObject({
      allowed: false,
      reason: 'header-not-allowed',
      value: 'x-trace',
      status: 403,
      headers: [],
    });
    expect(result.preflight.decision?.explanation).toContain('Add "x-trace" to allowedHeaders.');
  });

  it('the same explanation as the policy gives itself', async () => {
    const result = await explain({ config: file('standard.json'), origin: PAGE, method: 'DELETE' });
    const cors = createCors(STANDARD);
    const expected = await cors.explain({
      method: 'OPTIONS',
      header: (name) =>
        ({ origin: PAGE, 'access-control-request-method': 'DELETE' })[name as string],
    });
    expect(result.preflight.decision?.explanation).toBe(expected);
  });

  it('an origin the policy does not allow: MissingAllowOriginHeader, and the origins fix', async () => {
    const run = await runCli(['explain', '--config', file('standard.json'), '--origin', EVIL]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('failed check  MissingAllowOriginHeader');
    expect(run.stdout).toContain('common error  no-allow-origin');
    expect(run.stdout).toContain(`add "${EVIL}" to origins`);
  });

  it('credentials the policy does not grant: InvalidAllowCredentials, with the fix', async () => {
    const { code, result } = await explainJson([
      '--config',
      file('standard.json'),
      '--origin',
      PAGE,
      '--credentials',
    ]);
    expect(code).toBe(1);
    expect(result.actual).toMatchObject({ allowed: true, status: null });
    expect(result.failedCheck).toBe('InvalidAllowCredentials');
    expect(result.commonError).toBe('credentials-refused');
    expect(result.note).toContain('Set credentials: true, or list the origin in credentials');
  });

  it("credentials under origins: '*': WildcardOriginNotAllowed, and the tiered policy as the fix", async () => {
    const { result } = await explainJson([
      '--config',
      file('public.json'),
      '--origin',
      PAGE,
      '--credentials',
    ]);
    expect(result.failedCheck).toBe('WildcardOriginNotAllowed');
    expect(result.note).toContain("credentials: ['<origin>'] next to origins: '*'");
  });

  it('debug mode: the preflight gets a success status, and the browser names the missing method', async () => {
    const { result } = await explainJson([
      '--config',
      file('debug.json'),
      '--origin',
      PAGE,
      '-X',
      'PATCH',
      '-H',
      'Content-Type: application/json',
    ]);
    expect(result.preflight.decision).toMatchObject({
      allowed: false,
      reason: 'method-not-allowed',
      status: 204,
      headers: [
        ['access-control-allow-origin', PAGE],
        ['access-control-allow-headers', 'content-type'],
      ],
    });
    expect(result.failedCheck).toBe('MethodDisallowedByPreflightResponse');
    expect(result.failedParameter).toBe('PATCH');
    expect(result.commonError).toBe('preflight-failed');
  });

  it('a safelisted request needs no preflight, and prints what Corsica adds', async () => {
    const run = await runCli([
      'explain',
      '--config',
      file('standard.json'),
      '--origin',
      PAGE,
      '-H',
      'Content-Type: text/plain',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no preflight needed: a CORS-safelisted method and headers');
    expect(run.stdout).toContain(`← access-control-allow-origin: ${PAGE}`);
    expect(run.stdout).toContain('✓ ALLOWED: the browser would let the page read the response');
    expect(run.stdout).not.toContain('\u001b[');
  });
});

describe('corsica explain: per-path policies', () => {
  it('requires --path when the policy has routes', async () => {
    const run = await runCli(['explain', '--config', file('routes.json'), '--origin', EVIL]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--path is required: the policy has per-path routes');
  });

  it.each([
    ['/public/feed', 0, 'route "/public/*"'],
    ['/private', 1, `add "${EVIL}" to origins`],
  ])('--path %s', async (path, exitCode, words) => {
    const run = await runCli([
      'explain',
      '--config',
      file('routes.json'),
      '--origin',
      EVIL,
      '--path',
      path,
    ]);
    expect(run.code).toBe(exitCode);
    expect(run.stdout).toContain(words);
  });
});

describe('corsica explain: usage', () => {
  it.each([
    [['explain', '--origin', PAGE], '--config is required'],
    [['explain', '--config', 'x.json'], '--origin is required'],
    [['explain', 'http://x/', '--config', 'x.json', '--origin', PAGE], 'unexpected argument'],
    [['explain', '--config', 'x.json', '--origin', PAGE, '--send'], 'an option of check'],
    [['explain', '--config', 'x.json', '--origin', PAGE, '-H', 'Cookie: a=1'], 'forbidden'],
    [['explain', '--config', 'x.json', '--origin', PAGE, '--path', 'api'], 'must start with /'],
  ])('%j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
