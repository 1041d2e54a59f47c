import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { BootedExample } from '@corsica/examples-support/boot.ts';
import { bootExample } from '@corsica/examples-support/boot.ts';
import type { CodeBlock } from './markdown.ts';
import { fileNameOf, runnableSource } from './typecheck.ts';

/**
 * Runs a quick start as a reader would: the block saved as a file (`node server.mjs`), Node started
 * on it with `PORT` set, ready once it prints `listening on http://127.0.0.1:<port>`.
 */

/** A port nothing listens on right now, on 127.0.0.1, for the quick start's `PORT`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Writes the block as a file of `dir` and returns its name there. */
function writeRunnable(block: CodeBlock, format: 'esm' | 'cjs', dir: string): string {
  mkdirSync(dir, { recursive: true });
  const { source, extension } = runnableSource(block, format);
  const file = fileNameOf(block, extension);
  writeFileSync(join(dir, file), source);
  return file;
}

/** What a block printed, and how it ended. */
export interface Execution {
  readonly code: number | null;
  readonly output: string;
}

/** Runs a block that ends by itself (`node file`), and gives its exit code and output. */
export function execBlock(block: CodeBlock, dir: string): Promise<Execution> {
  const file = writeRunnable(block, block.format, dir);
  const child = spawn(process.execPath, [file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** Writes the block as a file of `dir` and starts Node on it. */
export async function startBlock(
  block: CodeBlock,
  format: 'esm' | 'cjs',
  dir: string,
): Promise<BootedExample> {
  const file = writeRunnable(block, format, dir);
  const port = await freePort();
  return bootExample(dir, ['node', file], { PORT: String(port) });
}
