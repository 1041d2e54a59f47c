import type { Caller } from './page-origins.ts';
import type { PolicyName } from './policies.ts';
import type { CoreVerdict } from './servers/request-log.ts';

/** The test application's paths a scenario calls; the runner appends `/<scenario id>`. */
export type AppPath =
  | '/api'
  | '/api/public'
  | '/api/partner'
  | '/api/internal'
  | '/api/uncached'
  | '/headers'
  | '/cookie'
  | '/throw'
  | '/missing';

/** How the page builds the body: each kind sets its own Content-Type, as browsers do. */
export type BodyKind =
  /** a string: `text/plain;charset=UTF-8` (simple) */
  | 'text'
  /** URLSearchParams: `application/x-www-form-urlencoded` (simple) */
  | 'form'
  /** FormData: `multipart/form-data; boundary=…` (simple) */
  | 'multipart'
  /** a JSON string with `Content-Type: application/json` (needs a preflight) */
  | 'json';

/** The `fetch()` the page runs. */
export interface PageRequest {
  readonly path: AppPath;
  /** As passed to fetch(), case included. Default GET. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: BodyKind;
  /** Default `omit`. */
  readonly credentials?: 'omit' | 'include';
  /** The request's cache mode; fetch()'s default when absent. */
  readonly cache?: 'no-store';
}

/** The `corsError` values of Chromium's `Network.CorsError` that these scenarios meet. */
export type ChromiumCorsError =
  | 'MissingAllowOriginHeader'
  | 'PreflightMissingAllowOriginHeader'
  | 'InvalidAllowCredentials'
  | 'WildcardOriginNotAllowed'
  | 'PreflightWildcardOriginNotAllowed'
  | 'PreflightInvalidAllowCredentials'
  | 'HeaderDisallowedByPreflightResponse'
  | 'MethodDisallowedByPreflightResponse';

/** What the page gets. */
export type PageVerdict =
  | {
      readonly readable: true;
      readonly status: number;
      /** The body text; checked when given. */
      readonly body?: string;
      /** Header name (lowercase) to what `response.headers.get` returns; null: not readable. */
      readonly headers?: Readonly<Record<string, string | null>>;
    }
  | {
      readonly readable: false;
      /** The `corsError` Chromium reports for the failed request in `Network.loadingFailed`. */
      readonly chromium: ChromiumCorsError;
      /** Its `failedParameter`, when it names one (a header, a method). */
      readonly failedParameter?: string;
      /**
       * What Corsica's core decides for the request the browser refused (the preflight, if one
       * was sent and no actual request followed): the denial reason, or `allowed` when Corsica
       * answered as the policy says and the browser refused what that answer grants.
       */
      readonly corsica: CoreVerdict;
    };

/** What reached the server, and how it answered. */
export interface ServerSaw {
  /** Status the preflight was answered with; false: no preflight arrived. */
  readonly preflight: number | false;
  /** Status the actual request was answered with; false: it never arrived. */
  readonly actual: number | false;
  /** Whether a handler of the test application ran (for the preflight or the actual request). */
  readonly handler: boolean;
  /** The Cookie header the handler received; null: none. Checked when given. */
  readonly cookie?: string | null;
  /** Headers of the preflight answer (lowercase names; null: absent). Checked when given. */
  readonly preflightHeaders?: Readonly<Record<string, string | null>>;
  /** Headers of the actual answer (lowercase names; null: absent). Checked when given. */
  readonly actualHeaders?: Readonly<Record<string, string | null>>;
}

export interface Step {
  readonly request: PageRequest;
  readonly page: PageVerdict;
  readonly server: ServerSaw;
}

export interface Scenario {
  /** Unique; the last path segment of every URL the scenario calls. */
  readonly id: string;
  /** What the scenario shows, as a sentence. */
  readonly title: string;
  readonly policy: PolicyName;
  /** Where the fetch runs. */
  readonly from: Caller;
  /** A cookie the browser already holds for the API's host before the first step. */
  readonly presetCookie?: true;
  /** Run in order, in one page and one browser context. */
  readonly steps: readonly Step[];
}

/** The cookie `presetCookie` puts in the jar, as the server receives it. */
export const PRESET_COOKIE = { name: 'corsica_preset', value: 'in-the-jar' } as const;
export const PRESET_COOKIE_HEADER = `${PRESET_COOKIE.name}=${PRESET_COOKIE.value}`;

type ScenarioHead = Omit<Scenario, 'steps'>;

/** A scenario of one fetch. */
export function scenario(spec: ScenarioHead & Step): Scenario {
  const { request, page, server, ...head } = spec;
  return { ...head, steps: [{ request, page, server }] };
}

/** A scenario of several fetches in the same page: preflight caching, cookies set then sent. */
export function scenarioInSteps(
  spec: ScenarioHead & { readonly steps: readonly Step[] },
): Scenario {
  return spec;
}

/** The page reads the response. */
export function readable(
  status: number,
  details: { body?: string; headers?: Readonly<Record<string, string | null>> } = {},
): PageVerdict {
  return { readable: true, status, ...details };
}

/** The fetch rejects with a TypeError; Chromium reports `chromium`; Corsica's core said `corsica`. */
export function blocked(
  chromium: ChromiumCorsError,
  corsica: CoreVerdict,
  failedParameter?: string,
): PageVerdict {
  return failedParameter === undefined
    ? { readable: false, chromium, corsica }
    : { readable: false, chromium, corsica, failedParameter };
}
