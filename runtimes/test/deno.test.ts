import { describeRuntime } from '../src/harness.ts';

/**
 * On Deno: `Deno.serve(withCors(policy, app))` (@corsica/cors-fetch) and a Hono app with
 * `cors(policy)` (@corsica/cors-hono), each a real Deno server on 127.0.0.1 (see src/harness.ts
 * and src/deno-server.ts). Deno has no setting for its header limit: every case runs with Deno's
 * own, about 64 KiB for the request head.
 *
 * Skipped, in both rows, because Deno changes the request or the response outside the handler:
 */
const SKIPPED: Readonly<Record<string, string>> = {
  'header-limit-431':
    "checks Node's default 16 KiB limit: Deno's limit (about 64 KiB for the request head) cannot be set, and Deno answers the case's 64 KiB header with 400, not 431, before any handler",
  'pf-acrh-huge-name':
    "a 64 KiB Access-Control-Request-Headers is over Deno's fixed limit of about 64 KiB for the request head: Deno answers 400 before any handler",
  'pf-acrh-huge-star-creds':
    "a 200 KB Access-Control-Request-Headers is over Deno's fixed limit of about 64 KiB for the request head: Deno answers 400 before any handler",
  'target-malformed-absolute':
    "Deno accepts the absolute-form target http://[/x (Node answers 400) and hands it on as request.url, which is then no valid URL: the CORS layer and Hono read the path /x, which the policy allows, and the fetch app's new URL(request.url) throws (Deno's own 500)",
};

describeRuntime('deno', SKIPPED);
