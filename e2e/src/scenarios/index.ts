import type { Scenario } from '../scenario.ts';
import { asyncOriginScenarios } from './async-origins.ts';
import { credentialScenarios } from './credentials.ts';
import { errorResponseScenarios } from './error-responses.ts';
import { exposedHeaderScenarios } from './exposed-headers.ts';
import { methodScenarios } from './methods.ts';
import { nullOriginScenarios } from './null-origin.ts';
import { perPathScenarios } from './per-path-policies.ts';
import { preflightCacheScenarios } from './preflight-cache.ts';
import { preflightedHeaderScenarios } from './preflighted-headers.ts';
import { rejectDisallowedScenarios } from './reject-disallowed.ts';
import { simpleRequestScenarios } from './simple-requests.ts';
import { tieredPolicyScenarios } from './tiered-policy.ts';

/** Every scenario; each runs against every adapter. */
export const scenarios: readonly Scenario[] = [
  ...simpleRequestScenarios,
  ...preflightedHeaderScenarios,
  ...methodScenarios,
  ...credentialScenarios,
  ...exposedHeaderScenarios,
  ...preflightCacheScenarios,
  ...nullOriginScenarios,
  ...errorResponseScenarios,
  ...perPathScenarios,
  ...rejectDisallowedScenarios,
  ...tieredPolicyScenarios,
  ...asyncOriginScenarios,
];
