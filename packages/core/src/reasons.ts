/** Why a CORS request was denied: stable codes, in the order the checks run. */
export const CORS_DENIAL_REASONS = [
  'origin-not-allowed',
  'origin-malformed',
  'origin-check-failed',
  'origin-check-timeout',
  'method-not-allowed',
  'method-malformed',
  'method-over-limit',
  'header-not-allowed',
  'header-malformed',
  'headers-over-limit',
  'path-unsafe',
  'path-ambiguous',
  'path-not-covered',
  'cors-disabled',
] as const;
