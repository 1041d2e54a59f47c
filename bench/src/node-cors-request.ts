import type { IncomingMessage } from 'node:http';
import type { CorsRequest } from '@corsica/cors-core';
import { nodeRequestView } from '@corsica/cors-node-http';
import type { RequestSpec } from './requests.ts';
import { freshHeaderObject } from './requests.ts';

/**
 * The core's view of a request as the Node adapters (express, koa, node-http) give it: their own
 * `nodeRequestView`, over a plain object with Node's header layout and fresh header strings. Using
 * the adapters' view keeps `decide`'s calls to `header()` monomorphic, as in a real server.
 */
export function nodeCorsRequest(spec: RequestSpec): CorsRequest<unknown> {
  const request = { method: spec.method, url: spec.path, headers: freshHeaderObject(spec) };
  return nodeRequestView(request as unknown as IncomingMessage);
}
