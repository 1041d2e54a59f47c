import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP, corsHeadersOf, EVIL, PREFLIGHT_VARY, preflight, send } from '@corsica/cors-testkit';
import type { BootedExample } from '@corsica/examples-support/boot.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeBlock } from './doctests/markdown.ts';
import { codeBlocks, documentedFiles } from './doctests/markdown.ts';
import { execBlock, startBlock } from './doctests/run.ts';
import type { BlockFile, BlockProblem } from './doctests/typecheck.ts';
import { formatsOf, typecheck, writeBlocks } from './doctests/typecheck.ts';

/**
 * The READMEs and the migration guides as tests: every JavaScript and TypeScript block type-checks
 * against the packages as published, and every quick start runs and answers a browser's preflight
 * and request. The markers that say how a block is checked are described in
 * doctests/markdown.ts. Run this file alone with `pnpm --filter @corsica/docs test:doctests`
 * (build the packages first: `pnpm turbo run build --filter=@corsica/docs^...`).
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'docs', 'node_modules', '.cache', 'doctests');

const blocks: CodeBlock[] = documentedFiles(ROOT).flatMap((file) =>
  codeBlocks(readFileSync(join(ROOT, file), 'utf8'), file),
);
const name = (block: CodeBlock): string => `${block.file}:${block.line}`;

/**
 * Package READMEs without a quick start that runs a server, and why. Every other package README
 * has at least one block marked `run`.
 */
const NOT_A_SERVER: Readonly<Record<string, string>> = {
  'packages/cli/README.md': 'a command line: its quick start is a shell command',
  'packages/testkit/README.md': 'a test helper: its quick start is a vitest file, type-checked',
};

describe('code blocks type-check (strict, module nodenext, published package names)', () => {
  let files: BlockFile[] = [];
  let problems = new Map<string, BlockProblem[]>();
  beforeAll(() => {
    files = writeBlocks(
      blocks.filter((block) => block.mode.kind !== 'skip'),
      join(WORK, 'check'),
    );
    problems = typecheck(files);
  }, 180_000);

  for (const block of blocks) {
    if (block.mode.kind === 'skip') {
      it.skip(`${name(block)}: ${block.mode.reason}`, () => {});
      continue;
    }
    it(`${name(block)} (${block.language}, ${block.mode.kind})`, () => {
      const found = files
        .filter((file) => file.block === block)
        .flatMap((file) => problems.get(file.path) ?? []);
      expect(
        found.map((problem) => `${problem.where} TS${problem.code}: ${problem.message}`),
      ).toEqual([]);
    });
  }
});

describe('every package README has a quick start that runs', () => {
  const readmes = documentedFiles(ROOT).filter((file) =>
    /^packages\/[^/]+\/README\.md$/.test(file),
  );
  it.each(readmes)('%s', (readme) => {
    const runs = blocks.filter((block) => block.file === readme && block.mode.kind === 'run');
    if (readme in NOT_A_SERVER) expect(runs).toEqual([]);
    else expect(runs.map(name)).not.toEqual([]);
  });
});

describe('blocks marked exec run to the end', () => {
  const executable = blocks.filter((block) => block.mode.kind === 'exec');
  it.each(executable.map((block) => [name(block), block] as const))(
    '%s exits with 0',
    async (_, block) => {
      const { code, output } = await execBlock(block, join(WORK, 'exec'));
      expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
    },
    30_000,
  );
});

const JSON_BODY = JSON.stringify({ name: 'Ada' });

for (const block of blocks) {
  const mode = block.mode;
  if (mode.kind !== 'run') continue;
  for (const format of formatsOf(block)) {
    describe(`${name(block)} runs as written (${format === 'esm' ? 'ES module' : 'CommonJS'})`, () => {
      let server: BootedExample | undefined;
      beforeAll(async () => {
        server = await startBlock(block, format, join(WORK, 'run'));
      }, 60_000);
      afterAll(() => server?.stop());
      const url = (): string => {
        if (server === undefined) throw new Error(`${name(block)} did not start`);
        return server.url;
      };

      it(`answers the preflight of a JSON ${mode.method} from ${APP}`, async () => {
        const response = await send(
          url(),
          preflight(APP, mode.method, mode.path, {
            'Access-Control-Request-Headers': 'content-type',
          }),
        );
        expect(response.status).toBe(204);
        expect(response.body).toBe('');
        expect(corsHeadersOf(response)).toEqual({
          'access-control-allow-origin': [APP],
          'access-control-allow-methods': [mode.method],
          'access-control-allow-headers': ['content-type'],
          vary: PREFLIGHT_VARY,
        });
      });

      it(`lets ${APP} read the answer to that ${mode.method}`, async () => {
        const response = await fetch(`${url()}${mode.path}`, {
          method: mode.method,
          headers: { Origin: APP, 'Content-Type': 'application/json' },
          body: JSON_BODY,
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(APP);
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
        expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        await response.json();
      });

      it(`refuses the same preflight from ${EVIL}`, async () => {
        const response = await send(
          url(),
          preflight(EVIL, mode.method, mode.path, {
            'Access-Control-Request-Headers': 'content-type',
          }),
        );
        expect(response.status).toBe(403);
        expect(corsHeadersOf(response)).toEqual({ vary: PREFLIGHT_VARY });
      });
    });
  }
}
