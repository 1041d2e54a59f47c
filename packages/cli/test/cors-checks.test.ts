import { describe, expect, it } from 'vitest';
import type { HeaderLines } from '../src/cors-checks.ts';
import { corsCheck, getHeader, preflightCheck } from '../src/cors-checks.ts';
import { commonErrorOf } from '../src/diagnosis.ts';
import { CORS_ERROR_NAMES } from '../src/index.ts';

const ORIGIN = 'https://app.example.com';

describe('the CORS check (https://fetch.spec.whatwg.org/#cors-check), in Chromium order', () => {
  const run = (lines: HeaderLines, credentials = false) => corsCheck(lines, ORIGIN, credentials);

  it('passes the exact origin, and * without credentials', () => {
    expect(run([['Access-Control-Allow-Origin', ORIGIN]])).toBeNull();
    expect(run([['access-control-allow-origin', '*']])).toBeNull();
  });

  it('reports a missing header', () => {
    expect(run([])).toEqual({ code: 'MissingAllowOriginHeader', parameter: '' });
  });

  it('combines field lines with ", ", so two lines are multiple values even when equal', () => {
    const lines: HeaderLines = [
      ['Access-Control-Allow-Origin', ORIGIN],
      ['Access-Control-Allow-Origin', ORIGIN],
    ];
    expect(getHeader(lines, 'access-control-allow-origin')).toBe(`${ORIGIN}, ${ORIGIN}`);
    expect(run(lines)).toEqual({
      code: 'MultipleAllowOriginValues',
      parameter: `${ORIGIN}, ${ORIGIN}`,
    });
  });

  it('tells a malformed value from a mismatched one', () => {
    expect(run([['Access-Control-Allow-Origin', 'app.example.com']])?.code).toBe(
      'InvalidAllowOriginValue',
    );
    expect(run([['Access-Control-Allow-Origin', '']])?.code).toBe('InvalidAllowOriginValue');
    expect(run([['Access-Control-Allow-Origin', 'null']])?.code).toBe('AllowOriginMismatch');
    expect(run([['Access-Control-Allow-Origin', `${ORIGIN}/`]])?.code).toBe('AllowOriginMismatch');
    expect(run([['Access-Control-Allow-Origin', 'https://APP.example.com']])?.code).toBe(
      'AllowOriginMismatch',
    );
  });

  it('refuses * with credentials before looking at Access-Control-Allow-Credentials', () => {
    expect(
      run(
        [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Credentials', 'true'],
        ],
        true,
      ),
    ).toEqual({ code: 'WildcardOriginNotAllowed', parameter: '' });
  });

  it('wants Access-Control-Allow-Credentials exactly `true` with credentials', () => {
    const acao: [string, string] = ['Access-Control-Allow-Origin', ORIGIN];
    expect(run([acao], true)).toEqual({ code: 'InvalidAllowCredentials', parameter: '' });
    expect(run([acao, ['Access-Control-Allow-Credentials', 'True']], true)).toEqual({
      code: 'InvalidAllowCredentials',
      parameter: 'True',
    });
    expect(run([acao, ['Access-Control-Allow-Credentials', 'true']], true)).toBeNull();
    expect(run([acao, ['Access-Control-Allow-Credentials', 'false']], false)).toBeNull();
  });
});

describe('the preflight checks (https://fetch.spec.whatwg.org/#cors-preflight-fetch), in Chromium order', () => {
  const preflight = (
    status: number,
    lines: HeaderLines,
    request: { method?: string; headers?: [string, string][]; credentials?: boolean } = {},
  ) =>
    preflightCheck({
      status,
      lines,
      origin: ORIGIN,
      credentialsInclude: request.credentials === true,
      method: request.method ?? 'PUT',
      headers: (request.headers ?? []).map(([name, value]) => ({ name, value })),
    }).failure?.code ?? null;
  const acao: [string, string] = ['Access-Control-Allow-Origin', ORIGIN];

  it('checks Access-Control-Allow-Origin before the status', () => {
    expect(preflight(403, [])).toBe('PreflightMissingAllowOriginHeader');
    expect(preflight(403, [acao, ['Access-Control-Allow-Methods', 'PUT']])).toBe(
      'PreflightInvalidStatus',
    );
    expect(preflight(404, [['Access-Control-Allow-Origin', 'https://other.example']])).toBe(
      'PreflightAllowOriginMismatch',
    );
  });

  it('checks the credentials before the status', () => {
    expect(preflight(500, [acao], { credentials: true })).toBe('PreflightInvalidAllowCredentials');
    expect(preflight(500, [['Access-Control-Allow-Origin', '*']], { credentials: true })).toBe(
      'PreflightWildcardOriginNotAllowed',
    );
  });

  it('accepts any 2xx', () => {
    for (const status of [200, 204, 299]) {
      expect(preflight(status, [acao, ['Access-Control-Allow-Methods', 'PUT']])).toBeNull();
    }
    expect(preflight(300, [acao, ['Access-Control-Allow-Methods', 'PUT']])).toBe(
      'PreflightInvalidStatus',
    );
  });

  it('parses both lists before checking the method', () => {
    expect(preflight(204, [acao, ['Access-Control-Allow-Methods', 'GET;POST']])).toBe(
      'InvalidAllowMethodsPreflightResponse',
    );
    expect(
      preflight(204, [
        acao,
        ['Access-Control-Allow-Methods', 'GET'],
        ['Access-Control-Allow-Headers', 'a b'],
      ]),
    ).toBe('InvalidAllowHeadersPreflightResponse');
  });

  it('compares methods case-sensitively, and takes * only without credentials', () => {
    const methods = (value: string): HeaderLines => [acao, ['Access-Control-Allow-Methods', value]];
    expect(preflight(204, methods('put'))).toBe('MethodDisallowedByPreflightResponse');
    expect(preflight(204, methods('PATCH'), { method: 'patch' })).toBe(
      'MethodDisallowedByPreflightResponse',
    );
    expect(preflight(204, methods('patch'), { method: 'patch' })).toBeNull();
    expect(preflight(204, methods('*'))).toBeNull();
    expect(
      preflight(204, [...methods('*'), ['Access-Control-Allow-Credentials', 'true']], {
        credentials: true,
      }),
    ).toBe('MethodDisallowedByPreflightResponse');
    expect(preflight(204, [acao], { method: 'POST', headers: [['X-A', '1']] })).toBe(
      'HeaderDisallowedByPreflightResponse',
    );
  });

  it('checks the method before the headers', () => {
    expect(preflight(204, [acao], { headers: [['X-A', '1']] })).toBe(
      'MethodDisallowedByPreflightResponse',
    );
  });

  it('matches header names case-insensitively and names the first missing one in sorted order', () => {
    const result = preflightCheck({
      status: 204,
      lines: [
        acao,
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', 'X-B'],
      ],
      origin: ORIGIN,
      credentialsInclude: false,
      method: 'PUT',
      headers: [
        { name: 'x-c', value: '1' },
        { name: 'X-b', value: '1' },
        { name: 'X-A', value: '1' },
      ],
    });
    expect(result.failure).toEqual({
      code: 'HeaderDisallowedByPreflightResponse',
      parameter: 'x-a',
    });
    expect(result.missingHeaders).toEqual(['x-a', 'x-c']);
  });

  it('never lets * cover Authorization, and takes * as a name with credentials', () => {
    const headers = (value: string): HeaderLines => [
      acao,
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', value],
    ];
    const auth: [string, string][] = [['Authorization', 'Bearer x']];
    expect(preflight(204, headers('*'), { headers: [['X-A', '1']] })).toBeNull();
    expect(preflight(204, headers('*'), { headers: auth })).toBe(
      'HeaderDisallowedByPreflightResponse',
    );
    expect(preflight(204, headers('*, Authorization'), { headers: auth })).toBeNull();
    const credentialed: HeaderLines = [
      ...headers('*'),
      ['Access-Control-Allow-Credentials', 'true'],
    ];
    expect(preflight(204, credentialed, { headers: [['X-A', '1']], credentials: true })).toBe(
      'HeaderDisallowedByPreflightResponse',
    );
  });
});

describe('common errors', () => {
  it('groups every failed check', () => {
    const groups = Object.fromEntries(CORS_ERROR_NAMES.map((code) => [code, commonErrorOf(code)]));
    expect(groups).toEqual({
      MissingAllowOriginHeader: 'no-allow-origin',
      PreflightMissingAllowOriginHeader: 'no-allow-origin',
      WildcardOriginNotAllowed: 'credentials-refused',
      PreflightWildcardOriginNotAllowed: 'credentials-refused',
      InvalidAllowCredentials: 'credentials-refused',
      PreflightInvalidAllowCredentials: 'credentials-refused',
      PreflightInvalidStatus: 'preflight-failed',
      PreflightDisallowedRedirect: 'preflight-failed',
      PreflightMultipleAllowOriginValues: 'preflight-failed',
      PreflightInvalidAllowOriginValue: 'preflight-failed',
      PreflightAllowOriginMismatch: 'preflight-failed',
      InvalidAllowMethodsPreflightResponse: 'preflight-failed',
      InvalidAllowHeadersPreflightResponse: 'preflight-failed',
      MethodDisallowedByPreflightResponse: 'preflight-failed',
      HeaderDisallowedByPreflightResponse: 'preflight-failed',
      MultipleAllowOriginValues: 'other',
      InvalidAllowOriginValue: 'other',
      AllowOriginMismatch: 'other',
      RedirectContainsCredentials: 'other',
    });
  });
});
