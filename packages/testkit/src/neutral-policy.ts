import type { CorsOptions } from '@corsica/cors-core';
import type { NeutralPolicy } from './vectors.ts';

/**
 * Maps a vector's neutral policy onto Corsica options. It never sets a `dangerously…` opt-in:
 * vectors whose policy needs one (the `null` origin) take their `configRejected` branch.
 */
export function toCorsOptions(policy: NeutralPolicy): CorsOptions<unknown> {
  return {
    origins: policy.allowedOrigins,
    credentials: policy.allowCredentials,
    methods: policy.allowedMethods,
    allowedHeaders: policy.allowedHeaders,
    exposedHeaders: policy.exposedHeaders,
    ...(policy.maxAgeSeconds === null ? {} : { maxAge: policy.maxAgeSeconds }),
    privateNetwork: policy.allowPrivateNetwork,
    ...(policy.preflightSuccessStatus === null
      ? {}
      : { preflight: { successStatus: policy.preflightSuccessStatus } }),
  };
}
