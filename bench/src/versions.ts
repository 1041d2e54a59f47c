import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench package's own directory (src/..), where its dependencies are linked. */
export const BENCH_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), '..');

interface PackageJson {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
}

function readPackageJson(path: string): PackageJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
}

/**
 * The installed version of every package the benchmark depends on, read from each one's
 * package.json at run time (not from the ranges bench/package.json asks for). Read through
 * bench/node_modules directly: some packages' `exports` do not expose their package.json.
 */
export function installedVersions(): Map<string, string> {
  const own = readPackageJson(join(BENCH_ROOT, 'package.json'));
  const versions = new Map<string, string>();
  for (const name of Object.keys(own.dependencies ?? {}).sort()) {
    try {
      const installed = readPackageJson(join(BENCH_ROOT, 'node_modules', name, 'package.json'));
      versions.set(name, installed.version ?? 'unknown');
    } catch {
      versions.set(name, 'not installed');
    }
  }
  return versions;
}
