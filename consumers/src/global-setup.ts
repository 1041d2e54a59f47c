import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { ModuleFormat } from './apps.ts';
import { ALLOWED_ORIGIN, appSource, checkScript, consumerApps, testkitScript } from './apps.ts';
import type { ConsumerProject } from './project.ts';
import { consumerProject } from './project.ts';

/** What the test files get: the installed project, and the folder of this run's programs in it. */
export interface Consumer extends ConsumerProject {
  readonly programs: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: Consumer;
  }
}

const FORMATS: readonly ModuleFormat[] = ['cjs', 'mjs'];

/**
 * Packs and installs once for every test file, then writes this run's programs into a folder of
 * the project (its own folder: another run may be using the same install).
 */
export default function setup(project: TestProject): () => void {
  const installed = consumerProject();
  const programs = mkdtempSync(join(installed.dir, 'run-'));
  for (const format of FORMATS) {
    for (const app of consumerApps) {
      writeFileSync(join(programs, `${app.file}.${format}`), appSource(app, format));
    }
    writeFileSync(join(programs, `testkit.${format}`), testkitScript(format));
    writeFileSync(join(programs, `check-allowed.${format}`), checkScript(format, ALLOWED_ORIGIN));
    writeFileSync(
      join(programs, `check-other.${format}`),
      checkScript(format, 'https://evil.example.net'),
    );
  }
  project.provide('consumer', { ...installed, programs });
  return () => rmSync(programs, { recursive: true, force: true });
}
