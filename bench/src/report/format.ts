/** Markdown building blocks and number formats shared by the report's sections. */

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  const alignment = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(header), `|${alignment.join('|')}|`, ...rows.map(line)].join('\n');
}

/** Nanoseconds as the unit that keeps three significant digits readable. */
export function duration(ns: number | undefined): string {
  if (ns === undefined || Number.isNaN(ns)) return 'n/a';
  if (ns < 0) return '< 0 (noise)';
  if (ns < 999.5) return `${ns.toFixed(ns < 10 ? 1 : 0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}

/** Microseconds with two decimals: the unit of the framework tables, to compare rows at a glance. */
export function micros(ns: number | undefined): string {
  if (ns === undefined || Number.isNaN(ns)) return 'n/a';
  return (ns / 1000).toFixed(2);
}

export function ratio(value: number, reference: number): number {
  return value / reference;
}

export function times(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return 'n/a';
  return `${value.toFixed(2)}×`;
}

/** A ratio marked with whether it meets its target. */
export function timesMarked(value: number, meets: (value: number) => boolean): string {
  if (!Number.isFinite(value) || value <= 0) return 'n/a';
  return `${times(value)} ${meets(value) ? '✓' : '✗'}`;
}

export function code(text: string): string {
  return `\`${text}\``;
}
