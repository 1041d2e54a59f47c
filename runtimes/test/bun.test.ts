import { describeRuntime } from '../src/harness.ts';

/**
 * On Bun: `Bun.serve({ fetch: withCors(policy, app) })` (@corsica/cors-fetch) and a Hono app with
 * `cors(policy)` (@corsica/cors-hono), each a real Bun server on 127.0.0.1 (see src/harness.ts and
 * src/bun-server.ts). The kit's header limits are honoured: Bun runs with
 * `--max-http-header-size` (256 KiB, or Bun's default of 16 KiB for `header-limit-431`).
 *
 * Skipped, in both rows, because Bun changes the request or the response outside the handler:
 */
const SKIPPED: Readonly<Record<string, string>> = {
  'path-dot-segments':
    'Bun resolves dot segments before the handler runs: /api/public/../internal/jobs arrives as /api/internal/jobs, so the CORS layer and the app both see the resolved path and never the raw target',
  'path-encoded-dot':
    'Bun resolves %2E%2e as a dot segment before the handler runs: /api/public/%2E%2e/internal/jobs arrives as /api/internal/jobs, for the CORS layer and the app alike',
  'target-malformed-absolute':
    'Bun accepts the absolute-form target http://[/x (Node answers 400) and hands the handler http://127.0.0.1:<port>/x: the CORS layer and the app both see /x, a path the policy allows',
};

describeRuntime('bun', SKIPPED);
