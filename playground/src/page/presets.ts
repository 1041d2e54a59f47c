import type { RequestSpec } from './rules.ts';

/** A request worth trying, and what it teaches. */
export interface Preset {
  /** The last segment of the API URL. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly request: RequestSpec;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'simple-get',
    title: 'Simple GET',
    description:
      'No preflight: a GET without custom headers goes straight out. CORS then decides only whether the page may read the answer.',
    request: { method: 'GET', headers: [], body: 'none', credentials: 'omit' },
  },
  {
    id: 'json-post',
    title: 'JSON POST',
    description:
      'Content-Type: application/json is not one of the three safelisted types, so the browser asks first with a preflight (OPTIONS).',
    request: { method: 'POST', headers: [], body: 'json', credentials: 'omit' },
  },
  {
    id: 'json-post-cookies',
    title: 'JSON POST with cookies',
    description:
      "credentials: 'include' sends the playground's session cookie (the API is same-site). The answers must carry Access-Control-Allow-Credentials: true and the page's own origin, never *.",
    request: { method: 'POST', headers: [], body: 'json', credentials: 'include' },
  },
  {
    id: 'put-authorization',
    title: 'PUT with Authorization',
    description:
      'A method other than GET, HEAD or POST and an Authorization header: the preflight asks for both, and the policy must list both.',
    request: {
      method: 'PUT',
      headers: [['Authorization', 'Bearer playground-token']],
      body: 'json',
      credentials: 'omit',
    },
  },
  {
    id: 'delete',
    title: 'DELETE',
    description: 'DELETE is preflighted; the policy lists it in methods.',
    request: { method: 'DELETE', headers: [], body: 'none', credentials: 'omit' },
  },
  {
    id: 'custom-header',
    title: 'GET with X-Debug',
    description:
      'A header the default policy does not allow: the preflight is refused. Add X-Debug to allowedHeaders to let it through.',
    request: { method: 'GET', headers: [['X-Debug', '1']], body: 'none', credentials: 'omit' },
  },
  {
    id: 'form-post',
    title: 'Form POST (no preflight)',
    description:
      'What an HTML form sends: no preflight, so the server runs it whatever the policy says. CORS only hides the answer from a page it does not allow; it is not a CSRF defence.',
    request: { method: 'POST', headers: [], body: 'form', credentials: 'omit' },
  },
];

/** The segment for a request that is no preset as is. */
export const CUSTOM_PRESET = 'custom';

/** The preset `spec` is, unchanged, or undefined. */
export function presetOf(spec: RequestSpec): Preset | undefined {
  return PRESETS.find(
    ({ request }) =>
      request.method === spec.method &&
      request.body === spec.body &&
      request.credentials === spec.credentials &&
      request.headers.length === spec.headers.length &&
      request.headers.every(
        ([name, value], index) =>
          spec.headers[index]?.[0] === name && spec.headers[index]?.[1] === value,
      ),
  );
}
