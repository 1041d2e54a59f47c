import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cwd = fileURLToPath(new URL('..', import.meta.url));

describe('the decisions demo', () => {
  it('runs and explains each decision', async () => {
    const { stdout } = await run('pnpm', ['start'], { cwd, timeout: 60_000 });
    expect(stdout).toContain(
      'actual, allowed, handed on to the app\n    access-control-allow-origin: https://app.example.com',
    );
    expect(stdout).toContain('preflight, allowed, answered with 204');
    expect(stdout).toContain('access-control-allow-headers: authorization,content-type');
    expect(stdout).toContain('preflight, denied (method-not-allowed), answered with 403');
    expect(stdout).toContain('write "PATCH" in the fetch call');
    expect(stdout).toContain(
      'actual, denied (origin-not-allowed), handed on to the app\n    vary: Origin',
    );
    expect(stdout).toContain('Invalid CORS policy given to createCors() (3 problems)');
    expect(stdout).toContain('Why: Browsers send the scheme and host in lowercase.');
  }, 60_000);
});
