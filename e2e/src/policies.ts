import { setTimeout as delay } from 'node:timers/promises';
import type { AsyncCorsOptions, CorsOptions } from '@corsica/cors-core';
import type { PageOrigins } from './page-origins.ts';

/** Options as the adapters take them; compiled by each adapter, as an app would. */
export type Policy = CorsOptions | AsyncCorsOptions;

/** The policies scenarios run under; each adapter starts one server per policy. */
export type PolicyName =
  | 'standard'
  | 'minimal'
  | 'credentialed'
  | 'public'
  | 'preflightCaching'
  | 'nullOptIn'
  | 'perPath'
  | 'rejecting'
  | 'tiered'
  | 'asyncOrigins';

/** The policies, written against the page origins of this run (their ports are ephemeral). */
export function policiesFor({ app, sameSiteApp }: PageOrigins): Record<PolicyName, Policy> {
  return {
    /** A typical API: two callers, three more methods, a few request headers, one exposed header. */
    standard: {
      origins: [app, sameSiteApp],
      methods: ['PUT', 'DELETE', 'PATCH'],
      allowedHeaders: ['Content-Type', 'X-Requested-With', 'Authorization'],
      exposedHeaders: ['X-Request-Id'],
    },
    /** Only the origin: simple requests and nothing that needs a preflight. */
    minimal: { origins: [app] },
    /** Cookies allowed, from both callers. */
    credentialed: {
      origins: [app, sameSiteApp],
      credentials: true,
      methods: ['PUT'],
      allowedHeaders: ['Content-Type'],
      exposedHeaders: ['X-Request-Id'],
    },
    /** A public, anonymous API: any origin, any header but Authorization, every response header. */
    public: { origins: '*', methods: ['PUT'], allowedHeaders: '*', exposedHeaders: '*' },
    /** Preflights cached ten minutes, except under /api/uncached/. */
    preflightCaching: {
      origins: [app],
      methods: ['PUT', 'DELETE'],
      allowedHeaders: ['X-Requested-With'],
      maxAge: 600,
      routes: [{ path: '/api/uncached/*', maxAge: 0 }],
    },
    /** Sandboxed iframes (origin `null`) let in on purpose. */
    nullOptIn: {
      origins: [app, 'null'],
      dangerouslyAllowNullOrigin: true,
      methods: ['PUT'],
    },
    /** The strict policy at the top level, routes widening it (and one turning CORS off). */
    perPath: {
      origins: [app],
      methods: ['PUT'],
      routes: [
        { path: '/api/public/*', origins: '*' },
        { path: '/api/partner/*', origins: [sameSiteApp], credentials: true },
        { path: '/api/internal/*', disabled: true },
      ],
    },
    /** Disallowed origins answered 403 before any handler. */
    rejecting: { origins: [app], methods: ['PUT'], rejectDisallowed: true },
    /** Anyone reads anonymously; only the same-site app reads with cookies. */
    tiered: {
      origins: '*',
      credentials: [sameSiteApp],
      methods: ['PUT'],
      exposedHeaders: ['X-Request-Id'],
    },
    /**
     * Origins looked up asynchronously, as a tenant database would be: each adapter then waits for
     * the decision on a code path of its own.
     */
    asyncOrigins: {
      origins: async (origin) => {
        await delay(5);
        return origin === app || origin === sameSiteApp;
      },
      credentials: true,
      methods: ['PUT'],
    },
  };
}
