import type { IncomingHttpHeaders } from 'node:http';
import type { AsyncCorsOrigins, CorsPolicyOptions } from '@corsica/cors-core';
import { SetMetadata } from '@nestjs/common';

/** What origin predicates receive by default: what express `req` and fastify `request` share. */
export interface PlatformRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** What `@Cors()` takes: the core's per-route options, overriding the global ones key by key. */
export type CorsRouteOptions<T = PlatformRequest> = CorsPolicyOptions<AsyncCorsOrigins<T>>;
/** What `@Cors()` stores: options overriding the global policy, or `false` for no CORS at all. */
export type CorsSetting<T = PlatformRequest> = CorsRouteOptions<T> | false;

/** A string, so that the ESM and CommonJS builds of this package read each other's metadata. */
export const CORS_METADATA = '@corsica/cors-nest:cors';

/**
 * Gives a controller or a handler its own CORS policy, for actual requests and preflights: the
 * global one with these options in place of its own; `false`: no CORS (preflights go on to Nest).
 * A handler's decorator replaces its controller's; `@Cors()` alone means the global policy.
 *
 * @example
 * \@Cors({ origins: ['https://admin.example.com'], methods: ['DELETE'] })
 * \@Controller('admin')
 * export class AdminController {}
 */
export function Cors<T = PlatformRequest>(
  options?: CorsSetting<T>,
): ClassDecorator & MethodDecorator {
  // `@Cors()` stores one shared object: settings are compared by identity.
  return SetMetadata(CORS_METADATA, options ?? GLOBAL_POLICY);
}
const GLOBAL_POLICY = Object.freeze({});
