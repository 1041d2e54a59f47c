/**
 * Runs the macro benchmark alone and prints its Markdown section:
 * `npx tsx --conditions=@corsica/source src/macro/standalone.ts [--quick]` from bench/.
 */
import { runMacro } from './index.ts';

process.stdout.write(await runMacro({ quick: process.argv.includes('--quick') }));
