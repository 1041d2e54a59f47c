import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './markdown.ts';

/**
 * Type-checks code blocks the way a user's project would: each block is a file of its own, under
 * `strict` with `module: nodenext`, importing the packages by their published names. The files
 * are written inside `docs/node_modules/.cache/`, so the packages resolve through this package's
 * `workspace:*` dependencies, to the types their `exports` publish (`dist/*.d.mts` for `import`,
 * `dist/*.d.cts` for `require`): what an installed tarball gives.
 */

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  // JavaScript blocks are checked as JavaScript: TypeScript reads their imports and require()
  // calls, contextual types and JSDoc, as an editor does for a user's .mjs or .cjs file.
  allowJs: true,
  checkJs: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  // NestJS applications compile with legacy decorators and their metadata.
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * What a fragment may leave undefined: names (`app`, `router`, `Bun`, `NextRequest`) and
 * namespaces declared in the rest of the file, and the parameter types that would come from them.
 * Anything else (an unknown option, a wrong import, a wrong argument) fails a fragment too.
 */
const FRAGMENT_ALLOWED = new Set([
  2304, // Cannot find name 'x'.
  2503, // Cannot find namespace 'x'.
  2552, // Cannot find name 'x'. Did you mean 'y'?
  2867, // Cannot find name 'Bun'. Do you need to install type definitions for Bun?
  2868, // The same, suggesting the tsconfig `types` field.
  7006, // Parameter 'x' implicitly has an 'any' type (its callback's type is defined elsewhere).
  7031, // Binding element 'x' implicitly has an 'any' type.
]);

/**
 * `noImplicitAny`'s codes, which JavaScript cannot satisfy without JSDoc: JavaScript blocks are
 * checked under `strict` without them, as a user's JavaScript is in an editor that checks it.
 */
const IMPLICIT_ANY = new Set([7005, 7006, 7008, 7010, 7011, 7015, 7019, 7031, 7034, 7041, 7053]);

export interface BlockFile {
  readonly block: CodeBlock;
  /** The file the block was written to. */
  readonly path: string;
}

/** A block's file name: where it comes from, readable in failures. */
export function fileNameOf(block: CodeBlock, extension: string): string {
  return `${block.file.replace(/[/.]/g, '_')}_L${block.line}${extension}`;
}

/** The extension a block is checked under: `.mjs`/`.cjs` for JavaScript, `.mts`/`.cts` for TypeScript. */
export function extensionOf(block: CodeBlock, format: 'esm' | 'cjs' = block.format): string {
  return `.${format === 'cjs' ? 'c' : 'm'}${block.language === 'js' ? 'js' : 'ts'}`;
}

/**
 * Writes each block to `dir`. A TypeScript block marked `esm+cjs` is written twice, as `.mts`
 * and `.cts`: the same source compiled either way, as a NestJS project may be.
 */
export function writeBlocks(blocks: readonly CodeBlock[], dir: string): BlockFile[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return blocks.flatMap((block) =>
    formatsOf(block).map((format) => {
      const path = join(dir, fileNameOf(block, extensionOf(block, format)));
      writeFileSync(path, block.code);
      return { block, path };
    }),
  );
}

/** The module formats a block is checked (and run) in. */
export function formatsOf(block: CodeBlock): readonly ('esm' | 'cjs')[] {
  return block.mode.kind === 'run' && block.mode.bothFormats ? ['esm', 'cjs'] : [block.format];
}

/** One problem, located in the Markdown file. */
export interface BlockProblem {
  readonly where: string;
  readonly code: number;
  readonly message: string;
}

/** Type-checks every file in one program; returns the problems of each block, by file path. */
export function typecheck(files: readonly BlockFile[]): Map<string, BlockProblem[]> {
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const program = ts.createProgram({
    rootNames: files.map((file) => file.path),
    options: COMPILER_OPTIONS,
    host,
  });
  const problems = new Map<string, BlockProblem[]>();
  for (const { block, path } of files) {
    const source = program.getSourceFile(path);
    if (source === undefined) throw new Error(`${path} was not part of the program`);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ].filter(
      (diagnostic) =>
        !(block.mode.kind === 'fragment' && FRAGMENT_ALLOWED.has(diagnostic.code)) &&
        !(block.language === 'js' && IMPLICIT_ANY.has(diagnostic.code)),
    );
    problems.set(
      path,
      diagnostics.map((diagnostic) => {
        const { line } =
          diagnostic.start === undefined
            ? { line: 0 }
            : source.getLineAndCharacterOfPosition(diagnostic.start);
        return {
          // The fence is on block.line; the block's first line is the one after it.
          where: `${block.file}:${block.line + 1 + line}`,
          code: diagnostic.code,
          message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
        };
      }),
    );
  }
  return problems;
}

/** A runnable block as Node runs it: JavaScript as written, TypeScript compiled as `tsc` would. */
export function runnableSource(
  block: CodeBlock,
  format: 'esm' | 'cjs',
): { source: string; extension: '.mjs' | '.cjs' } {
  const extension = format === 'cjs' ? '.cjs' : '.mjs';
  if (block.language === 'js') return { source: block.code, extension };
  const { outputText } = ts.transpileModule(block.code, {
    compilerOptions: {
      ...COMPILER_OPTIONS,
      noEmit: false,
      module: format === 'cjs' ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
    },
  });
  return { source: outputText, extension };
}
