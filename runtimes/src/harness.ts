import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CorsConfigError } from '@corsica/cors-core';
import type { AdapterHarness, TestServer } from '@corsica/cors-testkit';
import { conformanceCases } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import { build as bundle } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryPoint } from './app.ts';
import { ENTRY_POINTS, hostReader } from './app.ts';
import { allCaseKeys, caseKeyOf } from './cases.ts';
import type { StartMessage, StartReply } from './protocol.ts';

/**
 * The Node side: runs Bun, Deno or workerd as a child process on 127.0.0.1 and turns it into the
 * kit's `AdapterHarness`. One child per runtime serves every case (Bun: one per header limit), and
 * lives until `shutdown()`; `start` names the case, the child builds its policy (see cases.ts).
 */

export type RuntimeName = 'bun' | 'deno' | 'workerd';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const require = createRequire(import.meta.url);

/** The package that ships `bin` for this platform, resolved from the package that depends on it. */
function platformPackage(parent: string, candidates: readonly string[]): string {
  const fromParent = createRequire(require.resolve(`${parent}/package.json`));
  for (const name of candidates) {
    try {
      return dirname(fromParent.resolve(`${name}/package.json`));
    } catch {
      // not this platform's package
    }
  }
  throw new Error(`${parent}: none of ${candidates.join(', ')} is installed for this platform`);
}

const arch = process.arch === 'arm64' ? 'arm64' : 'x64';

/**
 * The runtime's own binary. Not `node_modules/.bin/bun`: pnpm 10 skips the `bun` package's
 * postinstall, which is what turns that placeholder into the binary; the binary itself comes in the
 * platform package (`@oven/bun-linux-x64`), as Deno's (`@deno/linux-x64-glibc`) and workerd's do.
 */
function binaryOf(runtime: RuntimeName): string {
  const os = process.platform;
  switch (runtime) {
    case 'bun': {
      const bunArch = arch === 'arm64' ? 'aarch64' : 'x64';
      const dir = platformPackage('bun', [
        `@oven/bun-${os}-${bunArch}`,
        `@oven/bun-${os}-${bunArch}-musl`,
      ]);
      return join(dir, 'bin', os === 'win32' ? 'bun.exe' : 'bun');
    }
    case 'deno': {
      const target = os === 'linux' ? `linux-${arch}-glibc` : `${os}-${arch}`;
      return join(
        platformPackage('deno', [`@deno/${target}`]),
        os === 'win32' ? 'deno.exe' : 'deno',
      );
    }
    case 'workerd':
      return (require('workerd') as { default: string }).default;
  }
}

/** What the binary says of itself: `1.4.5`, `2.9.6`, `2026-11-23` (workerd reports a date). */
function reportedVersion(binary: string): string {
  const output = execFileSync(binary, ['--version'], { encoding: 'utf8' });
  const match = /(\d+\.\d+\.\d+|\d{4}-\d\d-\d\d)/.exec(output);
  return match?.[1] ?? output.trim();
}

interface Child {
  readonly process: ChildProcess;
  /** e.g. `http://127.0.0.1:40123`. */
  readonly control: string;
  /** workerd: the port bound for `<entry> <key>`. */
  readonly ports: ReadonlyMap<string, number>;
  readonly output: () => string;
  readonly cleanup?: () => Promise<void>;
}

/** Every child still running: ended with this process, even when a run stops before `shutdown()`. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const OUTPUT_KEPT = 16 * 1024;
const READY_WITHIN_MS = 30_000;

/** Spawns `command`, keeps the tail of what it prints, and resolves once `ready` has seen enough. */
function spawnChild(
  command: string,
  args: readonly string[],
  stdio: 'control-fd' | 'stdout',
  ready: (line: string) => { control: number; ports?: Map<string, number> } | undefined,
): Promise<Omit<Child, 'cleanup'>> {
  const child = spawn(command, args, {
    cwd: packageDir,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    // stdin stays open: Bun's and Deno's servers exit when it closes, i.e. when this process ends.
    stdio: stdio === 'control-fd' ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stderr?.on('data', keep);
  const lines = (stdio === 'control-fd' ? child.stdio[3] : child.stdout) as Readable;
  if (stdio === 'control-fd') child.stdout?.on('data', keep);
  const describeExit = (): string => `${command} ${args.join(' ')}\n${output}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready within ${READY_WITHIN_MS} ms: ${describeExit()}`));
    }, READY_WITHIN_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${signal ?? code}) before it was ready: ${describeExit()}`));
    });
    let pending = '';
    lines.on('data', (chunk: Buffer) => {
      if (stdio === 'stdout') keep(chunk);
      pending += chunk.toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const found = ready(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
        if (found !== undefined) {
          clearTimeout(timer);
          resolve({
            process: child,
            control: `http://127.0.0.1:${found.control}`,
            ports: found.ports ?? new Map(),
            output: () => output,
          });
        }
      }
    });
  });
}

function parse(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function fromStdout(line: string): { control: number } | undefined {
  const control = parse(line)?.['control'];
  return typeof control === 'number' ? { control } : undefined;
}

async function startBunOrDeno(
  runtime: 'bun' | 'deno',
  binary: string,
  maxHeaderSize: number | undefined,
): Promise<Child> {
  const args =
    runtime === 'bun'
      ? [
          '--conditions=@corsica/source',
          ...(maxHeaderSize === undefined ? [] : [`--max-http-header-size=${maxHeaderSize}`]),
          'run',
          join(here, 'bun-server.ts'),
        ]
      : [
          'run',
          '--conditions=@corsica/source',
          '--no-lock',
          '--no-prompt',
          '--allow-net=127.0.0.1',
          join(here, 'deno-server.ts'),
        ];
  return spawnChild(binary, args, 'stdout', fromStdout);
}

/** A capnp text literal (ASCII only, which is all this config holds). */
function capnpText(value: string): string {
  return JSON.stringify(value);
}

/**
 * workerd binds sockets from its config only, so it gets one socket per (entry point, case) on an
 * ephemeral port, each routed to the one worker with the case as `ctx.props`, plus a control
 * socket. `--control-fd` reports the ports it bound.
 */
async function startWorkerd(binary: string): Promise<Child> {
  const dir = await mkdtemp(join(tmpdir(), 'corsica-workerd-'));
  try {
    await bundle({
      entryPoints: [join(here, 'workerd-worker.ts')],
      outfile: join(dir, 'worker.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'esnext',
      conditions: ['@corsica/source', 'workerd', 'worker'],
      // The testkit's index also exports its node:http client; the worker never uses it, and the
      // testkit is side-effect free, so it is dropped. No nodejs_compat flag is needed.
      external: ['node:*'],
      logLevel: 'silent',
    });
    const compatibilityDate = (require('workerd') as { compatibilityDate: string })
      .compatibilityDate;
    const sockets = new Map<string, string>([['control', JSON.stringify({ control: true })]]);
    const names = new Map<string, string>();
    for (const entry of ENTRY_POINTS) {
      for (const key of allCaseKeys()) {
        const name = `s${sockets.size}`;
        sockets.set(name, JSON.stringify({ entry, key } satisfies StartMessage));
        names.set(name, `${entry} ${key}`);
      }
    }
    const socketLines = [...sockets].map(
      ([name, props]) =>
        `    (name = ${capnpText(name)}, address = "127.0.0.1:0", http = (), ` +
        `service = (name = "app", props = (json = ${capnpText(props)}))),`,
    );
    const config = [
      'using Workerd = import "/workerd/workerd.capnp";',
      'const config :Workerd.Config = (',
      '  services = [(name = "app", worker = .worker)],',
      '  sockets = [',
      ...socketLines,
      '  ],',
      ');',
      'const worker :Workerd.Worker = (',
      '  modules = [(name = "worker.js", esModule = embed "worker.js")],',
      `  compatibilityDate = ${capnpText(compatibilityDate)},`,
      ');',
      '',
    ].join('\n');
    await writeFile(join(dir, 'config.capnp'), config);
    const ports = new Map<string, number>();
    let control: number | undefined;
    const child = await spawnChild(
      binary,
      ['serve', join(dir, 'config.capnp'), '--control-fd=3'],
      'control-fd',
      (line) => {
        const event = parse(line);
        if (event?.['event'] !== 'listen') return undefined;
        const socket = event['socket'] as string;
        const port = event['port'] as number;
        if (socket === 'control') control = port;
        else ports.set(names.get(socket) as string, port);
        return control !== undefined && ports.size === names.size ? { control, ports } : undefined;
      },
    );
    return { ...child, cleanup: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function post(child: Child, path: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${child.control}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(
      `the runtime's control endpoint did not answer: ${String(error)}\n${child.output()}`,
    );
  }
  if (!response.ok) throw new Error(`${path} failed: ${await response.text()}\n${child.output()}`);
  return response.json();
}

function stop(child: Child): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      resolve();
      return;
    }
    const force = setTimeout(() => child.process.kill('SIGKILL'), 5_000);
    child.process.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.process.kill('SIGTERM');
  }).then(() => child.cleanup?.());
}

export interface Runtime {
  readonly name: RuntimeName;
  /** The npm package's version, e.g. `1.4.5`, `1.20261123.1`. */
  readonly version: string;
  /** What the binary reports: the same, except workerd's, a date (`2026-11-23`). */
  readonly reported: string;
  readonly binary: string;
  /** The kit's harness for one entry point, named e.g. `bun withCors`. */
  harness(entry: EntryPoint): AdapterHarness;
  /** Ends every child process this runtime started. */
  shutdown(): Promise<void>;
}

/**
 * `maxHeaderSize`: Bun takes it as `--max-http-header-size` (one child per limit, its default is
 * 16 KiB like Node's). Deno and workerd have no such setting; they serve every case with their own
 * limits (see the skip lists in the test files).
 */
export function createRuntime(name: RuntimeName): Runtime {
  const binary = binaryOf(name);
  const version = (require(`${name}/package.json`) as { version: string }).version;
  const reported = reportedVersion(binary);
  const children = new Map<string, Promise<Child>>();

  function childFor(maxHeaderSize: number | undefined): Promise<Child> {
    const variant = name === 'bun' ? String(maxHeaderSize) : 'one';
    let child = children.get(variant);
    if (child === undefined) {
      child =
        name === 'workerd' ? startWorkerd(binary) : startBunOrDeno(name, binary, maxHeaderSize);
      children.set(variant, child);
    }
    return child;
  }

  return {
    name,
    version,
    reported,
    binary,
    harness: (entry) => ({
      name: `${name} ${entry}`,
      // Every one of these runtimes removes Content-Length from a 204 (RFC 9110 §8.6).
      dropsContentLengthOn204: true,
      hostOf: hostReader(entry),
      async start(policy, { maxHeaderSize, caseId }): Promise<TestServer> {
        const key = caseKeyOf(policy, caseId);
        const child = await childFor(maxHeaderSize);
        const reply = (await post(child, '/start', {
          entry,
          key,
        } satisfies StartMessage)) as StartReply;
        if ('problems' in reply) throw new CorsConfigError(reply.problems);
        const port = reply.port ?? child.ports.get(`${entry} ${key}`);
        if (port === undefined) throw new Error(`${name}: no server for ${entry} ${key}`);
        return {
          url: `http://127.0.0.1:${port}`,
          // workerd's sockets live as long as the process; Bun and Deno close the case's server.
          close: async () => {
            if (reply.port !== undefined) await post(child, '/stop', { port });
          },
        };
      },
    }),
    async shutdown() {
      const started = await Promise.allSettled(children.values());
      children.clear();
      await Promise.all(started.map((c) => (c.status === 'fulfilled' ? stop(c.value) : undefined)));
    },
  };
}

/**
 * The conformance suite on one runtime, once per entry point (`bun withCors`, `bun hono`), without
 * the cases in `skipped`. Those are listed as skipped tests with their reasons, and counted in the
 * summary, so no run hides them; an id the kit does not have fails.
 */
export function describeRuntime(
  name: RuntimeName,
  skipped: Readonly<Record<string, string>>,
): void {
  const runtime = createRuntime(name);
  const all = { ...skipped, ...inProcessOnly() };
  const ids = Object.keys(all);
  beforeAll(() => {
    console.log(`${name} ${runtime.version} (reports ${runtime.reported}): ${runtime.binary}`);
  });
  afterAll(() => runtime.shutdown());
  for (const entry of ENTRY_POINTS) {
    const harness = runtime.harness(entry);
    describeConformance(harness, { filter: (id) => !(id in all) });
    describe(`${harness.name}: skipped, each with its reason`, () => {
      afterAll(() => {
        console.log(
          `${harness.name}: ${ids.length} skipped${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`,
        );
      });
      it('skips only cases the kit has', () => {
        const known = new Set(conformanceCases.map((c) => c.id));
        expect(ids.filter((id) => !known.has(id))).toStrictEqual([]);
      });
      for (const id of ids) it.skip(`${id}: ${all[id]}`, () => {});
    });
  }
}

/**
 * Cases that act on the policy object the server holds (`cors.reconfigure()` between requests)
 * or read what its log function recorded: here the server rebuilds its policy from the case id in
 * the runtime's own process, out of the test's reach. The same entry points run them on Node, in
 * process (packages/fetch/test/with-cors.test.ts, packages/hono/test/hono.test.ts).
 */
function inProcessOnly(): Record<string, string> {
  const logFunction =
    "the case reads what its policy's log function records, and that function runs in the runtime's own process, out of the kit's reach;";
  return {
    ...Object.fromEntries(
      conformanceCases
        .filter((c) => c.group === 'reconfigure')
        .map((c) => [
          c.id,
          "the policy lives in the runtime's process, rebuilt from the case id, where the test cannot call cors.reconfigure(); withCors and the Hono middleware run this case on Node (packages/fetch/test/with-cors.test.ts, packages/hono/test/hono.test.ts)",
        ]),
    ),
    'fault-predicate-reasons': `${logFunction} every fault's denial over the wire is checked here by the fault-predicate-* cases`,
    'flask-cors-cve-2024-1681-log-record': `${logFunction} the same hostile Origin over the wire is checked here by flask-cors-cve-2024-1681-hostile-origin`,
  };
}
