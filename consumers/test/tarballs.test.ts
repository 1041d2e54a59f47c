import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { publicPackages } from '../src/workspace.ts';

const consumer = inject('consumer');

interface PackedManifest {
  readonly name: string;
  readonly version: string;
  readonly main: string;
  readonly module: string;
  readonly types: string;
  readonly bin?: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, unknown>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** The manifest as packed: the installed copy is the tarball's own package.json. */
function packedManifest(name: string): PackedManifest {
  const file = join(consumer.dir, 'node_modules', name, 'package.json');
  return JSON.parse(readFileSync(file, 'utf8')) as PackedManifest;
}

/** Every file an export, `main`, `module`, `types` or `bin` names, except the source condition. */
function namedFiles(manifest: PackedManifest): string[] {
  const targets: string[] = [manifest.main, manifest.module, manifest.types];
  const walk = (value: unknown, condition: string): void => {
    if (typeof value === 'string') {
      if (condition !== '@corsica/source') targets.push(value);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) walk(inner, key);
    }
  };
  walk(manifest.exports, '');
  targets.push(...Object.values(manifest.bin ?? {}));
  return [...new Set(targets.map((target) => target.replace(/^\.\//, '')))].sort();
}

const versions = new Map(publicPackages.map((pkg) => [pkg.name, pkg.version]));

it('packs every published package', () => {
  expect(consumer.tarballs.map((tarball) => tarball.name).sort()).toEqual([...versions.keys()]);
});

describe.each(consumer.tarballs.map((tarball) => [tarball.name, tarball] as const))(
  '%s, packed',
  (name, tarball) => {
    const manifest = packedManifest(name);

    it('holds its build, README.md and LICENSE', () => {
      expect(tarball.files).toEqual(
        expect.arrayContaining([
          'package.json',
          'README.md',
          'LICENSE',
          'dist/index.mjs',
          'dist/index.cjs',
          'dist/index.d.mts',
          'dist/index.d.cts',
        ]),
      );
    });

    it('holds every file its manifest names', () => {
      expect(tarball.files).toEqual(expect.arrayContaining(namedFiles(manifest)));
    });

    it('holds no tests, test support or benchmarks', () => {
      const unwanted = tarball.files.filter((file) =>
        /(^|\/)(test|tests|test-support|__tests__)\/|\.(test|test-d|bench)\.ts$|\.tsbuildinfo$/.test(
          file,
        ),
      );
      expect(unwanted).toEqual([]);
    });

    it('holds only what users load: dist/, src/ for the source condition, and its own files', () => {
      const outside = tarball.files.filter(
        (file) => !/^(dist|src|bin|schema)\//.test(file) && file.includes('/'),
      );
      expect(outside).toEqual([]);
    });

    it('depends on the other packages at their version, not workspace:', () => {
      const corsica = Object.entries({
        ...manifest.dependencies,
        ...manifest.peerDependencies,
      }).filter(([dependency]) => dependency.startsWith('@corsica/'));
      for (const [dependency, range] of corsica) {
        expect(range, dependency).toMatch(new RegExp(`^[\\^~]?${versions.get(dependency)}$`));
      }
      expect(JSON.stringify(manifest)).not.toContain('workspace:');
    });
  },
);

it('the testkit ships its vectors', () => {
  const testkit = consumer.tarballs.find((tarball) => tarball.name === '@corsica/cors-testkit');
  expect(testkit?.files).toContain('vectors.json');
});
