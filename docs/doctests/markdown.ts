import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The code blocks of the repository's Markdown, and what the doc-tests do with each. A block is
 * checked according to the HTML comment on the line right above its opening fence:
 *
 * | marker | the block | what the test does |
 * |---|---|---|
 * | none | a whole file | type-checks it under `strict`, `module: nodenext` |
 * | `<!-- doctest: fragment -->` | part of a file: it uses names defined elsewhere (`app`, `router`) | type-checks it, allowing only names it does not define |
 * | `<!-- doctest: exec -->` | a complete file that ends by itself (builds a policy or an app, prints) | type-checks it, then runs it with Node: it must exit with 0, so every policy in it is valid |
 * | `<!-- doctest: run METHOD /path -->` | a complete server (imports, app, listen) | type-checks it, then runs it with `PORT` set and sends a preflight and a METHOD request to /path, with `Content-Type: application/json` |
 * | `<!-- doctest: run METHOD /path esm+cjs -->` | the same, in TypeScript that a project may compile either way | checks and runs it as an ES module and as CommonJS |
 * | `<!-- doctest: skip: why -->` | not code (a shape, pseudo-code) | nothing; the reason is required |
 *
 * Only JavaScript and TypeScript blocks are code (`js`, `ts`, `mjs`, `cjs`, `mts`, `cts`); shell,
 * JSON and output blocks are text. A block that calls `require(` and has no `import` statement is
 * CommonJS; every other block is an ES module. JavaScript is checked as `.mjs` or `.cjs` (with
 * `checkJs`, so `require()` is typed as an editor types it), TypeScript as `.mts` or `.cts`.
 */

/** How a block is checked. */
export type BlockMode =
  | { readonly kind: 'file' }
  | { readonly kind: 'fragment' }
  | { readonly kind: 'exec' }
  | {
      readonly kind: 'run';
      readonly method: string;
      readonly path: string;
      /** `esm+cjs`: a TypeScript block compiled and run both as an ES module and as CommonJS. */
      readonly bothFormats: boolean;
    }
  | { readonly kind: 'skip'; readonly reason: string };

export interface CodeBlock {
  /** The Markdown file, relative to the repository root (`packages/express/README.md`). */
  readonly file: string;
  /** The line of the opening fence, 1-based. */
  readonly line: number;
  readonly language: 'js' | 'ts';
  readonly format: 'esm' | 'cjs';
  readonly mode: BlockMode;
  readonly code: string;
}

const CODE_LANGUAGES: Readonly<Record<string, 'js' | 'ts'>> = {
  js: 'js',
  javascript: 'js',
  mjs: 'js',
  cjs: 'js',
  ts: 'ts',
  typescript: 'ts',
  mts: 'ts',
  cts: 'ts',
};

const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)/;
const MARKER = /^<!--\s*doctest:\s*(.*?)\s*-->$/;

/** The mode a marker names; throws on a marker the test does not know, so a typo cannot hide a block. */
function modeOf(marker: string | undefined, where: string): BlockMode {
  if (marker === undefined) return { kind: 'file' };
  if (marker === 'fragment') return { kind: 'fragment' };
  if (marker === 'exec') return { kind: 'exec' };
  const run = /^run\s+([A-Z]+)\s+(\/\S*)(\s+esm\+cjs)?$/.exec(marker);
  if (run !== null) {
    return {
      kind: 'run',
      method: run[1] as string,
      path: run[2] as string,
      bothFormats: run[3] !== undefined,
    };
  }
  const skip = /^skip:\s*(\S.*)$/.exec(marker);
  if (skip !== null) return { kind: 'skip', reason: skip[1] as string };
  throw new Error(
    `${where}: unknown doctest marker "${marker}" (write fragment, exec, run METHOD /path, or skip: reason)`,
  );
}

/** Whether a block is CommonJS: it calls `require(` and has no `import … from` statement. */
function formatOf(code: string): 'esm' | 'cjs' {
  const requires = /\brequire\(/.test(code);
  const imports = /^\s*(?:import|export)\s/m.test(code);
  return requires && !imports ? 'cjs' : 'esm';
}

/** Every fenced JavaScript or TypeScript block of `markdown`, with its marker. */
export function codeBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  let previous: string | undefined; // the last non-blank line before the current one
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const open = FENCE.exec(line);
    if (open === null) {
      if (line.trim() !== '') previous = line.trim();
      continue;
    }
    const [, fence, info] = open as unknown as [string, string, string];
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length; index++) {
      const inner = lines[index] as string;
      const trimmed = inner.trim();
      if (trimmed.length >= fence.length && trimmed === fence.charAt(0).repeat(trimmed.length))
        break;
      body.push(inner);
    }
    const language = CODE_LANGUAGES[info.toLowerCase()];
    const marker = previous === undefined ? undefined : MARKER.exec(previous)?.[1];
    previous = undefined;
    if (language === undefined) {
      if (marker !== undefined)
        throw new Error(`${file}:${start + 1}: a doctest marker above a ${info || 'plain'} block`);
      continue;
    }
    const code = `${body.join('\n')}\n`;
    blocks.push({
      file,
      line: start + 1,
      language,
      format: formatOf(code),
      mode: modeOf(marker, `${file}:${start + 1}`),
      code,
    });
  }
  return blocks;
}

/**
 * The Markdown files whose code is checked, relative to `root`: the root README, every package's
 * and example's README, and the migration guides.
 */
export function documentedFiles(root: string): string[] {
  const inFolders = (folder: string, name: string): string[] =>
    readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, folder, entry.name, name))
      .filter((path) => existsSync(path));
  const guides = readdirSync(join(root, 'docs', 'migrating'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, 'docs', 'migrating', name));
  return [
    join(root, 'README.md'),
    ...inFolders('packages', 'README.md'),
    ...inFolders('examples', 'README.md'),
    ...guides,
  ]
    .map((path) => relative(root, path))
    .sort();
}
