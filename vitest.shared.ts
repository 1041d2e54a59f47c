/**
 * Test settings every package shares. Corsica's development log (`CORS preflight from …` lines,
 * written by the adapters outside production) is what the tests exercise, not what a reader of
 * `pnpm test` needs: it is kept out of the output. Tests that check it capture it themselves.
 */
export const sharedTestOptions = {
  onConsoleLog: (log: string): false | undefined => (log.startsWith('CORS ') ? false : undefined),
};
