import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { APP, conformanceCases, PREFLIGHT_VARY, vectors } from '@corsica/cors-testkit';
import { bootExample } from '@corsica/examples-support/boot.ts';
import { describe, expect, inject, it } from 'vitest';
import { ALLOWED_ORIGIN } from '../src/apps.ts';

const consumer = inject('consumer');
const run = promisify(execFile);
/** As a user's shell runs it: the workspace's @corsica/source condition never applies. */
const env = { ...process.env, NODE_OPTIONS: '' };

/** Runs a program of this run's folder with Node.js; its stdout, trimmed. */
async function node(file: string): Promise<string> {
  const { stdout } = await run('node', [file], { cwd: consumer.programs, env });
  return stdout.trim();
}

describe('@corsica/cors-testkit, from its tarball', () => {
  const expected = {
    vectors: vectors.length,
    cases: conformanceCases.length,
    status: 204,
    cors: {
      'access-control-allow-origin': [APP],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    },
  };

  it('loads with require(), serves an adapter and sends it a preflight; ./vitest is not exported to require()', async () => {
    expect(JSON.parse(await node('testkit.cjs'))).toEqual({
      ...expected,
      vitestHelper: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  it('loads with import, the same, and resolves ./vitest to its ES module', async () => {
    const helper = new URL(
      'node_modules/@corsica/cors-testkit/dist/vitest.mjs',
      `file://${consumer.dir}/`,
    ).href;
    expect(JSON.parse(await node('testkit.mjs'))).toEqual({ ...expected, vitestHelper: helper });
  });
});

describe('@corsica/cors-cli, from its tarball', () => {
  const corsica = join(consumer.dir, 'node_modules', '.bin', 'corsica');

  it('node_modules/.bin/corsica --help prints the usage and exits 0', async () => {
    const { stdout } = await run(corsica, ['--help'], { env });
    expect(stdout.split('\n')[0]).toBe('Usage: corsica check <url> --origin <origin> [options]');
  });

  it('corsica check exits 0 for an allowed origin and 1 for another, against a consumer app', async () => {
    const server = await bootExample(consumer.programs, ['node', 'node-http.cjs'], env);
    try {
      const target = `${server.url}/api/items`;
      const asked = ['-X', 'PUT', '-H', 'Content-Type: application/json', '--send', '--json'];
      const allowed = await run(corsica, ['check', target, '-o', ALLOWED_ORIGIN, ...asked], {
        env,
      });
      expect(JSON.parse(allowed.stdout)).toMatchObject({ verdict: 'allow', failedCheck: null });
      const other = run(corsica, ['check', target, '-o', 'https://evil.example.net', ...asked], {
        env,
      });
      await expect(other).rejects.toMatchObject({ code: 1 });
      const blocked = JSON.parse(
        ((await other.catch((error: { stdout: string }) => error)) as { stdout: string }).stdout,
      );
      expect(blocked).toMatchObject({ verdict: 'block' });
    } finally {
      await server.stop();
    }
  });

  it.each(['cjs', 'mjs'])(
    'exports a check() that says what a browser would do (%s)',
    async (format) => {
      expect(await node(`check-allowed.${format}`)).toBe('allow');
      expect(await node(`check-other.${format}`)).toBe('block');
    },
  );
});
