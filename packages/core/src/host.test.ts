import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file of the package, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.(test|test-d|bench)\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('what the core takes from its runtime', () => {
  it('is declared in host.ts alone: URL, setTimeout, clearTimeout, console and process', () => {
    const declarations = sources(import.meta.dirname).flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /^declare\s+(?:const|function|var|let|class)\s+(\w+)/gm,
        ),
      ].map((match) => `${file.slice(import.meta.dirname.length + 1)}: ${match[1]}`),
    );
    expect(declarations.sort()).toStrictEqual([
      'host.ts: URL',
      'host.ts: clearTimeout',
      'host.ts: console',
      'host.ts: process',
      'host.ts: setTimeout',
    ]);
  });

  it('never reaches for a global the package does not declare', () => {
    const globals =
      'process|globalThis|window|document|console|require|Buffer|fetch|Headers|Request|Response';
    // host.ts declares console and process, for the development log: it alone may use them.
    const declaredIn: Readonly<Record<string, string>> = { 'host.ts': 'console|process' };
    for (const file of sources(import.meta.dirname)) {
      const declared = new Set(declaredIn[file.slice(import.meta.dirname.length + 1)]?.split('|'));
      const undeclared = globals.split('|').filter((name) => !declared.has(name));
      const used = new RegExp(`\\b(${undeclared.join('|')})\\b[.(]`);
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
      expect(code, file).not.toMatch(used);
    }
  });
});
