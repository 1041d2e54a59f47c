// @ts-check
/**
 * Every published package's `build`: tsdown with the package's `tsdown.config.ts`, exactly as
 * `tsdown` on the command line builds it. Through tsdown's API rather than its CLI, because the
 * CLI prints on every run that its next minor drops Node.js 20. The root package.json pins tsdown
 * to 0.21.10, the last line that runs on Node.js 20, so that notice is noise in every build log.
 */
import { build } from 'tsdown';

await build({});
