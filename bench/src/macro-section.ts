/**
 * The macro benchmark lives in ./macro (written separately). It is loaded on demand so that the
 * micro and scale sections run, and the type checker passes, before or without it.
 */

/** What ./macro/index.ts exports. */
interface MacroModule {
  runMacro(options: { readonly quick: boolean }): Promise<string>;
}

const MACRO_HEADING = '## Macro: whole servers under load';
const MACRO_ENTRY = new URL('./macro/index.ts', import.meta.url);

function isMacroModule(value: unknown): value is MacroModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { runMacro?: unknown }).runMacro === 'function'
  );
}

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('/macro/index.ts');
}

export interface MacroOutcome {
  readonly markdown: string;
  readonly failed: boolean;
}

/** Runs the macro benchmark, or says in the section why it did not run. */
export async function runMacroSection(quick: boolean): Promise<MacroOutcome> {
  let loaded: unknown;
  try {
    loaded = await import(MACRO_ENTRY.href);
  } catch (error) {
    if (isMissingModule(error)) {
      return {
        markdown: `${MACRO_HEADING}\n\nNot available yet: bench/src/macro/index.ts does not exist.`,
        failed: false,
      };
    }
    throw error;
  }
  if (!isMacroModule(loaded)) {
    return {
      markdown: `${MACRO_HEADING}\n\nNot run: bench/src/macro/index.ts does not export runMacro(options).`,
      failed: true,
    };
  }
  try {
    return { markdown: await loaded.runMacro({ quick }), failed: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { markdown: `${MACRO_HEADING}\n\nThe run failed: ${message}`, failed: true };
  }
}
