import { createRequire } from 'node:module';

/** The package version, read from package.json at run time (it is in the published files). */
export const VERSION: string = (() => {
  try {
    const require = createRequire(import.meta.url);
    return (require('../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
