import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's own directory (src/..), where its dependencies are linked. */
export const PACKAGE_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository root, where CONFORMANCE.md is written. */
export const REPOSITORY_ROOT: string = join(PACKAGE_ROOT, '..');

/**
 * The installed version of a dependency, read from its package.json through this package's
 * node_modules (some packages' `exports` do not expose their package.json).
 */
export function installedVersion(packageName: string): string {
  try {
    const path = join(PACKAGE_ROOT, 'node_modules', packageName, 'package.json');
    const { version } = JSON.parse(readFileSync(path, 'utf8')) as { version?: string };
    return version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}
