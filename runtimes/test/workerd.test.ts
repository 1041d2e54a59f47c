import { describeRuntime } from '../src/harness.ts';

/**
 * On Cloudflare's workerd: a module worker, `export default { fetch }`, serving
 * `withCors(policy, app)` (@corsica/cors-fetch) and a Hono app with `cors(policy)`
 * (@corsica/cors-hono), bundled by esbuild and run by `workerd serve` on 127.0.0.1 (see
 * src/harness.ts and src/workerd-worker.ts). workerd has no setting for its header limit: every
 * case runs with workerd's own (a 507,825-byte header value passes, one byte more gets 431).
 *
 * Skipped, in both rows, because workerd changes the response or has other limits than Node:
 */
const SKIPPED: Readonly<Record<string, string>> = {
  'header-limit-431':
    "checks Node's default 16 KiB limit: workerd's limit (about 496 KiB) cannot be set, so the case's 64 KiB header reaches Corsica, which answers it (403, its decision) instead of the 431 expected from Node",
};

describeRuntime('workerd', SKIPPED);
