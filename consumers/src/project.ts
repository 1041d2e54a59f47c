import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { publicPackages, ROOT, testedVersion } from './workspace.ts';

/** One packed package. */
export interface Tarball {
  readonly name: string;
  /** The file, inside the project's `tarballs/`. */
  readonly file: string;
  /** The paths it holds, relative to the package (`dist/index.mjs`). */
  readonly files: readonly string[];
}

/** A project outside the workspace with every tarball installed by npm. */
export interface ConsumerProject {
  readonly dir: string;
  readonly tarballs: readonly Tarball[];
  /** Whether this run installed it; false when an identical install was reused. */
  readonly installed: boolean;
  readonly packMs: number;
  readonly installMs: number;
}

/**
 * The frameworks the apps run on, at the versions the workspace tests (see `testedVersion`), and
 * what they need beside them.
 */
function frameworks(): Record<string, string> {
  return {
    express: testedVersion('express', 'express'),
    koa: testedVersion('koa', 'koa'),
    fastify: testedVersion('fastify', 'fastify'),
    '@hapi/hapi': testedVersion('hapi', '@hapi/hapi'),
    hono: testedVersion('hono', 'hono'),
    '@hono/node-server': testedVersion('hono', '@hono/node-server'),
    '@nestjs/common': testedVersion('nest', '@nestjs/common'),
    '@nestjs/core': testedVersion('nest', '@nestjs/core'),
    '@nestjs/platform-express': testedVersion('nest', '@nestjs/platform-express'),
    '@nestjs/platform-fastify': testedVersion('nest', '@nestjs/platform-fastify'),
    'reflect-metadata': testedVersion('nest', 'reflect-metadata'),
    rxjs: testedVersion('nest', 'rxjs'),
  };
}

interface PackedJson {
  readonly name: string;
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

/**
 * Packs every published package with pnpm, which writes the versions of `workspace:*`
 * dependencies into the packed manifests (npm pack would keep `workspace:*`, which npm cannot
 * install). Without the packages' `prepack` (a rebuild): turbo built them before this task
 * (`dependsOn: ["^build"]`), and a rebuild empties `dist/` while other packages' tests read it.
 */
function pack(destination: string): Tarball[] {
  const filters = publicPackages.flatMap((pkg) => ['--filter', pkg.name]);
  const output = execFileSync(
    'pnpm',
    [
      '--config.ignore-scripts=true',
      '--recursive',
      ...filters,
      'pack',
      '--pack-destination',
      destination,
      '--json',
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const packed = JSON.parse(output) as PackedJson[];
  // In name order: pnpm lists them in the order the packs finished.
  packed.sort((a, b) => a.name.localeCompare(b.name));
  return packed.map((entry) => ({
    name: entry.name,
    file: entry.filename,
    files: entry.files.map((file) => file.path),
  }));
}

/**
 * The environment npm and the apps run in: this process's, without what the workspace's tools
 * set for their own children. `npm_*` variables come from pnpm running this script and would
 * change npm's behaviour; `NODE_OPTIONS` could carry the workspace's `@corsica/source` condition;
 * `VITEST*` would tell the apps they run under vitest.
 */
export function userEnvironment(): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|VITEST|TURBO_)/i.test(name) || name === 'NODE_OPTIONS') continue;
    kept[name] = value;
  }
  return kept;
}

/** The files of a `.tgz` made by `pnpm pack`: ustar entries, by path. */
function tarEntries(tgz: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(tgz);
  const entries = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    const field = (start: number, length: number): string =>
      header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const name = field(0, 100);
    if (name === '') break;
    const prefix = field(345, 155);
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    entries.set(
      prefix === '' ? name : `${prefix}/${name}`,
      tar.subarray(at + 512, at + 512 + size),
    );
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** A JSON value written with sorted keys. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a tarball installs, as a hash: each file's path and bytes, with package.json's keys
 * sorted. Not the tarball's own bytes: pnpm pack orders the dependencies it rewrites from
 * `workspace:*` differently from one run to the next.
 */
function contentHash(tgz: Buffer): string {
  const parts: (string | Buffer)[] = [];
  for (const [path, bytes] of [...tarEntries(tgz)].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(
      path,
      path === 'package/package.json' ? canonicalJson(JSON.parse(bytes.toString('utf8'))) : bytes,
    );
  }
  return sha256(...parts);
}

function sha256(...parts: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/**
 * Keeps the cache small (an install is about 50 MB): removes staging folders older than an hour,
 * and every install but `keep`, the two used last, and any used in the last hour (another run may
 * be using it now).
 */
function prune(cache: string, keep: string): void {
  const hour = 60 * 60 * 1000;
  const now = Date.now();
  const entries = readdirSync(cache)
    .filter((entry) => entry !== keep)
    .map((entry) => ({
      path: join(cache, entry),
      entry,
      used: statSync(join(cache, entry)).mtimeMs,
    }))
    .sort((a, b) => b.used - a.used);
  let kept = 0;
  for (const { path, entry, used } of entries) {
    const recent = now - used < hour;
    if (entry.includes('.staging-')) {
      if (!recent) rmSync(path, { recursive: true, force: true });
    } else if (!recent && kept >= 2) {
      rmSync(path, { recursive: true, force: true });
    } else {
      kept += 1;
    }
  }
}

/**
 * Packs the packages and installs the tarballs with npm in a project under the system's temporary
 * folder, outside the workspace, so nothing resolves through pnpm's links or the workspace's
 * `node_modules`. `overrides` maps every `@corsica/*` name to its tarball, so a package that
 * depends on another gets the packed one, never the registry's.
 *
 * The install is kept and reused by a later run whose tarballs, manifest, Node.js and npm are all
 * identical (the folder is named by their hash), since npm would then install the same tree; any
 * change to any published package makes a new, clean install.
 */
export function consumerProject(): ConsumerProject {
  const started = performance.now();
  const staging = mkdtempSync(join(tmpdir(), 'corsica-pack-'));
  const packed = pack(staging);
  const packMs = performance.now() - started;

  const tarballSpecs = Object.fromEntries(
    packed.map((tarball) => [tarball.name, `file:tarballs/${basename(tarball.file)}`]),
  );
  const manifest = {
    name: 'corsica-consumer',
    version: '1.0.0',
    private: true,
    description: "A user's project: Corsica installed from its tarballs.",
    dependencies: { ...frameworks(), ...tarballSpecs },
    overrides: tarballSpecs,
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const npmVersion = execFileSync('npm', ['--version'], {
    encoding: 'utf8',
    env: userEnvironment(),
  }).trim();
  const key = sha256(
    manifestText,
    process.version,
    npmVersion,
    ...packed.flatMap((tarball) => [tarball.name, contentHash(readFileSync(tarball.file))]),
  ).slice(0, 20);

  const cache = join(tmpdir(), 'corsica-consumers');
  mkdirSync(cache, { recursive: true });
  prune(cache, key);
  const dir = join(cache, key);
  const marker = join(dir, '.installed');
  const installStarted = performance.now();
  let installed = false;
  if (existsSync(marker)) {
    const now = new Date();
    utimesSync(dir, now, now);
  } else {
    const work = mkdtempSync(join(cache, `${key}.staging-`));
    mkdirSync(join(work, 'tarballs'));
    for (const tarball of packed) {
      cpSync(tarball.file, join(work, 'tarballs', basename(tarball.file)));
    }
    writeFileSync(join(work, 'package.json'), manifestText);
    const npm = spawnSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: work, encoding: 'utf8', env: userEnvironment() },
    );
    if (npm.status !== 0) {
      rmSync(work, { recursive: true, force: true });
      throw new Error(`npm install failed (${npm.status}):\n${npm.stdout}${npm.stderr}`);
    }
    writeFileSync(join(work, '.installed'), `${new Date().toISOString()}\n`);
    try {
      renameSync(work, dir);
      installed = true;
    } catch (error) {
      // Another run installed the same tarballs first: use its install.
      rmSync(work, { recursive: true, force: true });
      if (!existsSync(marker)) throw error;
    }
  }
  rmSync(staging, { recursive: true, force: true });
  return {
    dir,
    tarballs: packed.map((tarball) => ({
      ...tarball,
      file: join(dir, 'tarballs', basename(tarball.file)),
    })),
    installed,
    packMs,
    installMs: performance.now() - installStarted,
  };
}
