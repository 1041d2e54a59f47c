import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = join(ROOT, 'packages');

/** Documents readers of the repository do not have: they must never be cited. */
const UNAVAILABLE = /CORS-SPEC|shared\//;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(?:ts|tsx|js|mjs|cjs)$/.test(entry.name)) files.push(path);
  }
  return files;
}

/** The comments of a source file, `//` and `/* … *\/`, with the line each starts on. */
function commentsOf(source: string): { line: number; text: string }[] {
  const comments: { line: number; text: string }[] = [];
  const pattern =
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g;
  for (const match of source.matchAll(pattern)) {
    const text = match[0];
    if (!text.startsWith('/')) continue; // a string literal, skipped whole
    comments.push({ line: source.slice(0, match.index).split('\n').length, text });
  }
  return comments;
}

describe('source comments', () => {
  it('never cite CORS-SPEC or shared/ in packages/*/src', () => {
    const cited: string[] = [];
    for (const pkg of readdirSync(PACKAGES)) {
      let files: string[];
      try {
        files = sourceFiles(join(PACKAGES, pkg, 'src'));
      } catch {
        continue; // a package without src
      }
      for (const file of files) {
        const source = readFileSync(file, 'utf8');
        // CORS-SPEC is cited nowhere, comment or not (a scan that misreads a regular expression
        // literal as a string could otherwise skip a comment).
        source.split('\n').forEach((text, i) => {
          if (text.includes('CORS-SPEC')) cited.push(`${relative(ROOT, file)}:${i + 1}`);
        });
        for (const { line, text } of commentsOf(source)) {
          const where = `${relative(ROOT, file)}:${line}`;
          if (UNAVAILABLE.test(text) && !cited.includes(where)) cited.push(where);
        }
      }
    }
    expect(cited).toStrictEqual([]);
  });

  it('are found by the scan, and string literals are not', () => {
    const source = [
      "const url = 'https://example.com/shared/x'; // see CORS-SPEC 9.2",
      '/**',
      ' * From /work/shared/notes.md',
      ' */',
      'const text = "/* not a comment */";',
    ].join('\n');
    expect(
      commentsOf(source)
        .filter(({ text }) => UNAVAILABLE.test(text))
        .map(({ line }) => line),
    ).toStrictEqual([1, 2]);
  });
});
