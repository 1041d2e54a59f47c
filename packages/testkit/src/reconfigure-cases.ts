import type { Cors, CorsOptions } from '@corsica/cors-core';
import { CorsConfigError, createCors } from '@corsica/cors-core';
import type { ConnectionCase } from './adapter-cases.ts';
import { HANDLER_MARKER, HANDLER_RAN } from './harness.ts';
import type { RawRequest, RawResponse } from './http-client.ts';
import { send } from './http-client.ts';
import { ADMIN, APP, PREFLIGHT_TOKENS } from './serve.ts';

/**
 * Runtime reconfiguration through the adapter: the server holds a compiled policy, the case calls
 * `cors.reconfigure()` between requests, and the adapter must answer with the policy in force,
 * never a copy it made at start-up. Each case builds a fresh policy for each server it starts.
 */

const preflight = (origin: string, method: string, headers?: string): RawRequest => ({
  method: 'OPTIONS',
  path: '/api/items',
  headers: {
    origin,
    'access-control-request-method': method,
    ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
  },
});
const actual = (method: string, origin: string): RawRequest => ({
  method,
  path: '/api/items',
  headers: { origin },
});

/** What does not hold of the named response headers (absent: `null`). */
function expectHeaders(
  step: string,
  response: RawResponse,
  status: number,
  headers: Readonly<Record<string, string | null>>,
): string[] {
  const failures: string[] = [];
  if (response.status !== status)
    failures.push(`${step}: status ${response.status}, not ${status}`);
  for (const [name, value] of Object.entries(headers)) {
    const got = response.headers[name]?.join(', ') ?? null;
    if (got !== value) {
      failures.push(`${step}: ${name} is ${JSON.stringify(got)}, not ${JSON.stringify(value)}`);
    }
  }
  return failures;
}

/** A case whose server holds a policy the case keeps, to reconfigure it between requests. */
function reconfigureCase(
  id: string,
  title: string,
  initial: CorsOptions,
  exchange: (cors: Cors, url: string) => Promise<string[]>,
): ConnectionCase {
  let held: Cors | undefined;
  return {
    id,
    title,
    options: () => {
      const cors = createCors(initial);
      held = cors;
      return cors;
    },
    exchange: (url) => exchange(held as Cors, url),
  };
}

export const reconfigureCases: readonly ConnectionCase[] = [
  reconfigureCase(
    'reconfigure-preflight-then-actual',
    'after cors.reconfigure(), the preflight and the actual request get the new policy',
    { origins: [APP] },
    async (cors, url) => {
      const failures = expectHeaders(
        'before: preflight for PUT',
        await send(url, preflight(APP, 'PUT', 'content-type')),
        403,
        { 'access-control-allow-origin': null, 'access-control-allow-methods': null },
      );
      cors.reconfigure({
        origins: [APP],
        methods: ['PUT'],
        allowedHeaders: ['Content-Type'],
        exposedHeaders: ['X-Request-Id'],
      });
      failures.push(
        ...expectHeaders(
          'after: preflight for PUT',
          await send(url, preflight(APP, 'PUT', 'content-type')),
          204,
          {
            'access-control-allow-origin': APP,
            'access-control-allow-methods': 'PUT',
            'access-control-allow-headers': 'content-type',
            'access-control-expose-headers': null,
            vary: PREFLIGHT_TOKENS.join(', '),
            [HANDLER_MARKER]: null,
          },
        ),
        ...expectHeaders('after: PUT', await send(url, actual('PUT', APP)), 200, {
          'access-control-allow-origin': APP,
          'access-control-expose-headers': 'X-Request-Id',
          [HANDLER_MARKER]: HANDLER_RAN,
        }),
      );
      cors.reconfigure({ origins: [ADMIN] });
      failures.push(
        ...expectHeaders(
          'origins swapped: GET from the old origin',
          await send(url, actual('GET', APP)),
          200,
          {
            'access-control-allow-origin': null,
          },
        ),
        ...expectHeaders(
          'origins swapped: GET from the new origin',
          await send(url, actual('GET', ADMIN)),
          200,
          {
            'access-control-allow-origin': ADMIN,
          },
        ),
      );
      return failures;
    },
  ),
  reconfigureCase(
    'reconfigure-preflight-continue',
    'preflight.continue turned on and off at run time: the app answers preflights, then Corsica again',
    { origins: [APP], methods: ['PUT'] },
    async (cors, url) => {
      const answered = { 'access-control-allow-origin': APP, [HANDLER_MARKER]: null };
      const failures = expectHeaders(
        'continue off',
        await send(url, preflight(APP, 'PUT')),
        204,
        answered,
      );
      cors.reconfigure({ origins: [APP], methods: ['PUT'], preflight: { continue: true } });
      const handedOn = await send(url, preflight(APP, 'PUT'));
      failures.push(
        ...expectHeaders('continue on', handedOn, handedOn.status, {
          'access-control-allow-origin': APP,
          'access-control-allow-methods': 'PUT',
          [HANDLER_MARKER]: HANDLER_RAN,
        }),
      );
      cors.reconfigure({ origins: [APP], methods: ['PUT'] });
      failures.push(
        ...expectHeaders(
          'continue off again',
          await send(url, preflight(APP, 'PUT')),
          204,
          answered,
        ),
      );
      return failures;
    },
  ),
  reconfigureCase(
    'reconfigure-invalid-keeps-policy',
    'an invalid cors.reconfigure() throws a CorsConfigError and the server keeps its policy',
    { origins: [APP], methods: ['PUT'] },
    async (cors, url) => {
      const failures: string[] = [];
      try {
        cors.reconfigure({ origins: ['https://app.example.com/'] });
        failures.push('reconfigure accepted an origin with a path');
      } catch (error) {
        if (!(error instanceof CorsConfigError))
          failures.push(`reconfigure threw ${String(error)}`);
      }
      failures.push(
        ...expectHeaders('after the refused change', await send(url, preflight(APP, 'PUT')), 204, {
          'access-control-allow-origin': APP,
          'access-control-allow-methods': 'PUT',
        }),
      );
      return failures;
    },
  ),
];
