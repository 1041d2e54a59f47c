import type { CorsOptions } from '@corsica/cors-core';

/**
 * The fixed pool of policies every server runs with, chosen by id (so a child process can be
 * started with one). Each is plain data plus, for `predicate`, a one-line synchronous function.
 *
 * Next to each policy, `oracle` describes in plain data which origins it allows, with or without
 * credentials, and which methods and request headers: the fuzz's oracle reads only that, never
 * Corsica's `decide`, so the two are written independently.
 */

/** How the oracle matches an origin, written without Corsica's vocabulary. */
export type OriginRule =
  /** This serialized origin, compared as a string. */
  | { readonly exact: string }
  /** `scheme://<one or more labels>.<domain>`, default port. */
  | { readonly scheme: 'http' | 'https'; readonly subdomainsOf: string }
  /** `scheme://<host>` with any port, or none. */
  | { readonly scheme: 'http' | 'https'; readonly host: string; readonly anyPort: true };

export interface PolicyRules {
  /** `'any'`: every origin; otherwise the rules, any of which allows an origin. */
  readonly origins: 'any' | readonly OriginRule[];
  /** Which allowed origins also get credentials: all, none, or those matching the rules. */
  readonly credentials: boolean | readonly OriginRule[];
  /** Methods a preflight may ask for besides GET, HEAD and POST; `'any'`: all but the forbidden. */
  readonly methods: 'any' | readonly string[];
  /** Request header names (lowercase) a preflight may ask for; `'any'`: all but Authorization. */
  readonly headers: 'any' | readonly string[];
  readonly privateNetwork: boolean;
}

export interface OracleDescription extends PolicyRules {
  /**
   * Path prefixes with their own rules: `/api/admin` covers `/api/admin` and everything below it
   * (never `/api/adminx`).
   */
  readonly routes: readonly { readonly prefix: string; readonly rules: PolicyRules }[];
}

export interface PoolPolicy {
  readonly id: PolicyId;
  readonly summary: string;
  readonly options: CorsOptions;
  readonly oracle: OracleDescription;
}

export const POLICY_IDS = [
  'list-credentials',
  'patterns',
  'any',
  'tiered',
  'wildcards',
  'predicate',
  'routes',
  'private-network',
] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

/** Origins the policies name, for the fuzz's generators and the soak's mix. */
export const APP = 'https://app.example.com';
export const ADMIN = 'https://admin.example.com';

const NONE: Pick<PolicyRules, 'methods' | 'headers' | 'privateNetwork'> = {
  methods: [],
  headers: [],
  privateNetwork: false,
};

const policyList: readonly PoolPolicy[] = [
  {
    id: 'list-credentials',
    summary: 'exact list and one pattern, credentials: true, PUT/DELETE, two headers',
    options: {
      origins: [APP, ADMIN, 'https://*.preview.example.com'],
      credentials: true,
      methods: ['PUT', 'DELETE'],
      allowedHeaders: ['Content-Type', 'X-Requested-With'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    },
    oracle: {
      origins: [
        { exact: APP },
        { exact: ADMIN },
        { scheme: 'https', subdomainsOf: 'preview.example.com' },
      ],
      credentials: true,
      methods: ['PUT', 'DELETE'],
      headers: ['content-type', 'x-requested-with'],
      privateNetwork: false,
      routes: [],
    },
  },
  {
    id: 'patterns',
    summary: "patterns 'https://*.example.com' and 'http://localhost:*', credentials, PATCH",
    options: {
      origins: ['https://*.example.com', 'http://localhost:*'],
      credentials: true,
      methods: ['PATCH'],
      allowedHeaders: ['X-Api-Key'],
    },
    oracle: {
      origins: [
        { scheme: 'https', subdomainsOf: 'example.com' },
        { scheme: 'http', host: 'localhost', anyPort: true },
      ],
      credentials: true,
      methods: ['PATCH'],
      headers: ['x-api-key'],
      privateNetwork: false,
      routes: [],
    },
  },
  {
    id: 'any',
    summary: "origins: '*', PUT, Content-Type",
    options: { origins: '*', methods: ['PUT'], allowedHeaders: ['Content-Type'] },
    oracle: {
      origins: 'any',
      credentials: false,
      methods: ['PUT'],
      headers: ['content-type'],
      privateNetwork: false,
      routes: [],
    },
  },
  {
    id: 'tiered',
    summary: "origins: '*', credentials for app and *.trusted.example.org",
    options: { origins: '*', credentials: [APP, 'https://*.trusted.example.org'] },
    oracle: {
      origins: 'any',
      credentials: [{ exact: APP }, { scheme: 'https', subdomainsOf: 'trusted.example.org' }],
      ...NONE,
      routes: [],
    },
  },
  {
    id: 'wildcards',
    summary: "methods: '*' and allowedHeaders: '*'",
    options: {
      origins: [APP, 'https://*.example.org'],
      methods: '*',
      allowedHeaders: '*',
    },
    oracle: {
      origins: [{ exact: APP }, { scheme: 'https', subdomainsOf: 'example.org' }],
      credentials: false,
      methods: 'any',
      headers: 'any',
      privateNetwork: false,
      routes: [],
    },
  },
  {
    id: 'predicate',
    summary: 'a synchronous predicate (https, *.partner.example.org), credentials: true',
    options: {
      // Deliberately naive: Corsica promises to call it only with well-formed origins.
      origins: (origin: string) =>
        origin.startsWith('https://') && origin.endsWith('.partner.example.org'),
      credentials: true,
      methods: ['PUT'],
    },
    oracle: {
      origins: [{ scheme: 'https', subdomainsOf: 'partner.example.org' }],
      credentials: true,
      methods: ['PUT'],
      headers: [],
      privateNetwork: false,
      routes: [],
    },
  },
  {
    id: 'routes',
    summary: 'app and admin; /api/admin/* narrowed to admin with credentials; /api/public/* any',
    options: {
      origins: [APP, ADMIN],
      methods: ['PUT'],
      routes: [
        { path: '/api/admin/*', origins: [ADMIN], credentials: true, methods: ['DELETE'] },
        { path: '/api/public/*', origins: '*' },
      ],
    },
    oracle: {
      origins: [{ exact: APP }, { exact: ADMIN }],
      credentials: false,
      methods: ['PUT'],
      headers: [],
      privateNetwork: false,
      routes: [
        {
          prefix: '/api/admin',
          rules: {
            origins: [{ exact: ADMIN }],
            credentials: true,
            methods: ['DELETE'],
            headers: [],
            privateNetwork: false,
          },
        },
        {
          prefix: '/api/public',
          rules: {
            origins: 'any',
            credentials: false,
            methods: ['PUT'],
            headers: [],
            privateNetwork: false,
          },
        },
      ],
    },
  },
  {
    id: 'private-network',
    summary: 'privateNetwork: true, app and http://localhost:*, credentials',
    options: {
      origins: [APP, 'http://localhost:*'],
      credentials: true,
      privateNetwork: true,
      methods: ['PUT'],
    },
    oracle: {
      origins: [{ exact: APP }, { scheme: 'http', host: 'localhost', anyPort: true }],
      credentials: true,
      methods: ['PUT'],
      headers: [],
      privateNetwork: true,
      routes: [],
    },
  },
];

export const policies: Readonly<Record<PolicyId, PoolPolicy>> = Object.fromEntries(
  policyList.map((policy) => [policy.id, policy]),
) as Record<PolicyId, PoolPolicy>;

export function isPolicyId(value: string): value is PolicyId {
  return (POLICY_IDS as readonly string[]).includes(value);
}
