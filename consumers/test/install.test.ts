import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { expect, inject, it } from 'vitest';
import { publicPackages } from '../src/workspace.ts';

const consumer = inject('consumer');
const fromProject = createRequire(join(consumer.dir, 'package.json'));

/** Every folder named `@corsica/<name>` anywhere under `dir`'s node_modules. */
function corsicaCopies(dir: string): string[] {
  const found: string[] = [];
  const visit = (modules: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(modules);
    } catch {
      return;
    }
    for (const entry of entries) {
      const scoped = entry.startsWith('@');
      const names = scoped
        ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`)
        : [entry];
      for (const name of names) {
        if (name.startsWith('@corsica/')) found.push(join(modules, name));
        visit(join(modules, name, 'node_modules'));
      }
    }
  };
  visit(join(dir, 'node_modules'));
  return found.sort();
}

it.each(publicPackages.map((pkg) => [pkg.name, pkg] as const))(
  '%s resolves inside the project, at its version',
  (name, pkg) => {
    const manifestPath = fromProject.resolve(`${name}/package.json`);
    expect(manifestPath).toBe(
      join(consumer.dir, 'node_modules', ...name.split('/'), 'package.json'),
    );
    expect((fromProject(manifestPath) as { version: string }).version).toBe(pkg.version);
    const entry = fromProject.resolve(name);
    expect(entry.startsWith(join(consumer.dir, 'node_modules') + sep)).toBe(true);
  },
);

it('installs one copy of each package: dependents got the tarball, not the registry', () => {
  expect(corsicaCopies(consumer.dir)).toEqual(
    publicPackages.map((pkg) => join(consumer.dir, 'node_modules', ...pkg.name.split('/'))).sort(),
  );
});
