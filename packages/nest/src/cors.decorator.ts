import type { AsyncCorsOrigins, CorsPolicyOptions } from '@corsica/cors-core';
import { SetMetadata } from '@nestjs/common';

/**
 * What `@Cors()` takes: the core's per-route options. They override the global policy key by key,
 * exactly as an entry of the core's `routes` does (that is what they are compiled into).
 */
export type CorsRouteOptions = CorsPolicyOptions<AsyncCorsOrigins>;

/** What `@Cors()` stores: options overriding the global policy, or `false` for no CORS at all. */
export type CorsSetting = CorsRouteOptions | false;

/** A string, so that the ESM and CommonJS builds of this package read each other's metadata. */
export const CORS_METADATA = '@corsica/cors-nest:cors';

/**
 * One shared object for `@Cors()` without arguments, so that two handlers both marked that way
 * have the same setting (settings are compared by identity).
 */
const GLOBAL_POLICY: CorsRouteOptions = Object.freeze({});

/**
 * Gives a controller, or one handler, its own CORS policy: the global one (from
 * `CorsModule.forRoot`) with these options in place of its own, for actual requests and
 * preflights alike. `@Cors(false)` turns CORS off there: no headers, and preflights are left to
 * the app. A handler's decorator replaces its controller's. `@Cors()` without arguments applies
 * the global policy as it is (e.g. to one handler of a decorated controller).
 *
 * @example
 * \@Cors({ origins: ['https://admin.example.com'], methods: ['DELETE'] })
 * \@Controller('admin')
 * export class AdminController {}
 */
export function Cors(options: CorsSetting = GLOBAL_POLICY): ClassDecorator & MethodDecorator {
  return SetMetadata(CORS_METADATA, options);
}
