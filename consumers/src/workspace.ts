import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT: string = fileURLToPath(new URL('../..', import.meta.url));

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
}

/** A package users install: one of `packages/*` that is not private. */
export interface PublicPackage {
  readonly name: string;
  readonly version: string;
  /** Its folder, e.g. `/…/packages/express`. */
  readonly dir: string;
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Every published package, by name. Found, not listed: a new package is packed the day it lands. */
export const publicPackages: readonly PublicPackage[] = readdirSync(join(ROOT, 'packages'))
  .map((folder) => join(ROOT, 'packages', folder))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: manifestOf(dir) }))
  .filter(({ manifest }) => manifest.private !== true)
  .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir }))
  .sort((a, b) => a.name.localeCompare(b.name));

/**
 * The version of `name` that the workspace package in `packages/<folder>` tests against, read
 * from its `node_modules` (some packages export no `./package.json`). The consumer project
 * installs the same versions, so what it proves is about the tarballs, not about a newer framework.
 */
export function testedVersion(folder: string, name: string): string {
  const file = join(ROOT, 'packages', folder, 'node_modules', name, 'package.json');
  return manifestOf(join(file, '..')).version;
}
