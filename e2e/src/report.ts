/** One checked item: a scenario run against an adapter, or a Chromium fact. */
export interface ReportEntry {
  readonly id: string;
  readonly title: string;
  /** Where it ran: the policy and caller of a scenario, the control server of a fact. */
  readonly context: string;
  /** Empty when it passed; otherwise what went wrong and what was observed. */
  readonly problems: readonly string[];
}

/** One row of the summary: an adapter, or the Chromium baseline. */
export interface Report {
  readonly name: string;
  readonly entries: readonly ReportEntry[];
}

/** Every failed entry of `report`, with what went wrong and what the browser and server saw. */
export function printFailures({ name, entries }: Report): void {
  for (const { id, title, context, problems } of entries) {
    if (problems.length === 0) continue;
    console.log(`\n✗ ${name} › ${id}: ${title}`);
    console.log(`  (${context})`);
    for (const line of problems) console.log(`  ${line}`);
  }
}

/** `<adapter>: N passed, M failed` */
export function summaryLine({ name, entries }: Report): string {
  const failed = entries.filter((entry) => entry.problems.length > 0).length;
  return `${name}: ${entries.length - failed} passed, ${failed} failed`;
}

export function printSummary(reports: readonly Report[], durationMs: number): void {
  console.log('');
  for (const report of reports) console.log(summaryLine(report));
  console.log(`\nfinished in ${(durationMs / 1000).toFixed(1)} s`);
}

export function failedAny(reports: readonly Report[]): boolean {
  return reports.some(({ entries }) => entries.some((entry) => entry.problems.length > 0));
}
