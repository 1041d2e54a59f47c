#!/usr/bin/env node
// The `corsica` command. A file that exists before the build, so that pnpm can link the command
// on a fresh clone (it links bins at install time); the CLI itself is built to dist/bin.mjs.
import '../dist/bin.mjs';
