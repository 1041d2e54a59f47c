/** Progress lines go to stderr, so that the child processes' lines interleave in order. */
export type Progress = (line: string) => void;

export const progress: Progress = (line) => {
  process.stderr.write(`${line}\n`);
};

export function formatNs(ns: number): string {
  return ns >= 999.5 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
}
