import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for localhost, made with openssl for this run only. */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
  /** The PEM file: what `corsica check --cacert` trusts. */
  readonly certFile: string;
  /**
   * base64(SHA-256(SubjectPublicKeyInfo)): what Chromium's `--ignore-certificate-errors-spki-list`
   * takes, so it trusts this key and nothing else (Playwright's profile directory makes the flag
   * take effect).
   */
  readonly spkiHash: string;
  remove(): void;
}

/** In the OS temp dir, outside the repository; removed with `remove()`. */
export function makeCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'corsica-e2e-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { cwd: dir, stdio: 'pipe' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert,
    certFile: join(dir, 'cert.pem'),
    spkiHash: createHash('sha256').update(spki).digest('base64'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
