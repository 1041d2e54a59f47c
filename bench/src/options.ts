/** Command-line options of `pnpm bench`. */

export const SECTIONS = ['micro', 'scale', 'macro'] as const;
export type Section = (typeof SECTIONS)[number];

export interface RunOptions {
  /** Fewer and shorter samples: a smoke run whose numbers are not worth quoting. */
  readonly quick: boolean;
  readonly sections: ReadonlySet<Section>;
}

const USAGE = 'usage: pnpm bench [-- --quick] [--only=micro,scale,macro]';

function isSection(name: string): name is Section {
  return (SECTIONS as readonly string[]).includes(name);
}

export function parseOptions(args: readonly string[]): RunOptions {
  let quick = false;
  let sections = new Set<Section>(SECTIONS);
  for (const arg of args) {
    // pnpm forwards the `--` that separates its own options from the script's.
    if (arg === '--') continue;
    if (arg === '--quick') {
      quick = true;
    } else if (arg.startsWith('--only=')) {
      const names = arg
        .slice('--only='.length)
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      const unknown = names.filter((name) => !isSection(name));
      if (unknown.length > 0 || names.length === 0)
        throw new Error(`unknown section(s) ${JSON.stringify(unknown)}; ${USAGE}`);
      sections = new Set(names.filter(isSection));
    } else {
      throw new Error(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
    }
  }
  return { quick, sections };
}
