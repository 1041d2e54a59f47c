#!/usr/bin/env node
import { main } from './cli.ts';
import { VERSION } from './version.ts';

// A thin wrapper: everything else is in cli.ts, which the tests run in-process too.
main(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env },
  VERSION,
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `corsica: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
