import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:https';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/index.ts';
import { runCli, spawnBin } from './helpers.ts';

const PAGE = 'https://app.example.com';
let dir: string;
let server: Server;
let url: string;

/** A CA, and a certificate for 127.0.0.1 it signed, made with openssl for this run. */
function makeCertificates(into: string): void {
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: into, stdio: 'pipe' });
  };
  run([
    'req',
    '-x509',
    ...key,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=corsica test CA',
  ]);
  run([
    'req',
    '-x509',
    ...key,
    '-keyout',
    'server.key',
    '-out',
    'server.pem',
    '-subj',
    '/CN=127.0.0.1',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext',
    'basicConstraints=critical,CA:FALSE',
  ]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corsica-cli-tls-'));
  makeCertificates(dir);
  server = createServer(
    { key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) },
    (req, res) => {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.end('secure');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/data`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('https', () => {
  it('refuses a certificate from an unknown CA: exit 2, with what to do', async () => {
    const run = await runCli(['check', url, '--origin', PAGE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/tls error: .*--cacert FILE.*--insecure/);
  });

  it('trusts the CA given with --cacert', async () => {
    const run = await spawnBin([
      'check',
      url,
      '--origin',
      PAGE,
      '--cacert',
      join(dir, 'ca.pem'),
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'allow', warnings: [] });
  });

  it('skips verification with --insecure, and says so', async () => {
    const run = await runCli(['check', url, '--origin', PAGE, '--insecure']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ ALLOWED');
    expect(run.stderr).toContain('TLS certificates are not verified (--insecure)');
    expect(run.stderr).toContain(
      'accepted only because of --insecure: UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
  });

  it('refuses --insecure with --cacert, and an unreadable --cacert', async () => {
    expect(
      (await runCli(['check', url, '--origin', PAGE, '-k', '--cacert', join(dir, 'ca.pem')])).code,
    ).toBe(2);
    const missing = await runCli([
      'check',
      url,
      '--origin',
      PAGE,
      '--cacert',
      join(dir, 'nope.pem'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--cacert: cannot read');
  });

  it('takes the CA through the API too', async () => {
    const result = await check({
      url,
      origin: PAGE,
      ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    });
    expect(result.verdict).toBe('allow');
  });
});
