import { describe, expect, it, vi } from 'vitest';
import type { CorsLogRecord, CorsRequest } from './index.ts';
import { CorsConfigError, createCors, isPendingDecision } from './index.ts';
import { preflight, request, responseHeaders } from './test-support/requests.ts';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';

const get = (origin: string): CorsRequest => request('GET', { Origin: origin }, '/api/items');

describe('cors.reconfigure(options)', () => {
  it('puts the new policy in force: the preflight and the actual request that follow get it', () => {
    const cors = createCors({ origins: [APP] });
    expect(cors.decide(preflight(APP, 'PUT', 'content-type')).reason).toBe('method-not-allowed');

    cors.reconfigure({ origins: [APP], methods: ['PUT'], allowedHeaders: ['Content-Type'] });

    expect(cors.revision).toBe(2);
    expect(responseHeaders(cors.decide(preflight(APP, 'PUT', 'content-type')))).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      'content-length': '0',
    });
    expect(responseHeaders(cors.decide(get(APP)))).toStrictEqual({
      'access-control-allow-origin': APP,
      vary: 'Origin',
    });
  });

  it('refuses invalid options with the usual CorsConfigError, naming reconfigure; the old policy stays', () => {
    const cors = createCors({ origins: [APP] });
    const attempt = (): void => cors.reconfigure({ origins: ['https://App.example.com/'] });
    expect(attempt).toThrow(CorsConfigError);
    expect(attempt).toThrow(/^Invalid CORS policy given to cors\.reconfigure\(\)/);
    expect(cors.revision).toBe(1);
    expect(cors.getOptions().origins).toStrictEqual([APP]);
    expect(responseHeaders(cors.decide(get(APP)))).toStrictEqual({
      'access-control-allow-origin': APP,
      vary: 'Origin',
    });
  });

  it.each([
    [null, 'null'],
    ['https://admin.example.com', '"https://admin.example.com"'],
  ])('refuses %j in place of the options object, and the old policy stays', (options, shown) => {
    const cors = createCors({ origins: [APP] });
    let error: unknown;
    try {
      cors.reconfigure(options as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems).toStrictEqual([
      {
        code: 'option-type',
        option: 'options',
        value: options,
        message: `cors.reconfigure() takes an options object such as { origins: ['https://app.example.com'] }, not ${shown}.`,
      },
    ]);
    expect([cors.revision, cors.decide(get(APP)).allowed]).toStrictEqual([1, true]);
  });

  it('leaves the options object it is given as it was (it adds the kept settings to a copy)', () => {
    const onError = (): void => {};
    const cors = createCors({ origins: [APP], onError, debug: true });
    const options = { origins: [ADMIN] };
    cors.reconfigure(options);
    expect(options).toStrictEqual({ origins: [ADMIN] });
    expect(cors.getOptions()).toMatchObject({ origins: [ADMIN], onError, debug: true });
  });

  it('lets a decision under way finish with the policy it started with (headers, Vary, reason)', async () => {
    let release: (allowed: boolean) => void = () => {};
    const gate = new Promise<boolean>((resolve) => {
      release = resolve;
    });
    const cors = createCors({ origins: async () => gate, exposedHeaders: ['X-Old'] });
    const pending = cors.decide(get(APP));

    cors.reconfigure({ origins: async () => false, rejectDisallowed: true });
    release(true);

    const before = await pending;
    expect(before.allowed).toBe(true);
    expect(responseHeaders(before)).toStrictEqual({
      'access-control-allow-origin': APP,
      'access-control-expose-headers': 'X-Old',
      vary: 'Origin',
    });
    const after = await cors.decide(get(APP));
    expect([after.allowed, after.reason, after.status]).toStrictEqual([
      false,
      'origin-not-allowed',
      403,
    ]);
  });

  it('records the revision a decision was made under, even when it settles after a swap', async () => {
    const records: CorsLogRecord[] = [];
    let release: (allowed: boolean) => void = () => {};
    const gate = new Promise<boolean>((resolve) => {
      release = resolve;
    });
    const cors = createCors({ origins: async () => gate, log: (record) => records.push(record) });
    const pending = cors.decide(get(APP));
    cors.reconfigure({ origins: async () => true });
    await cors.decide(get(APP));
    release(true);
    await pending;
    expect(records.map((record) => record.revision)).toStrictEqual([2, 1]);
  });

  it('keeps a synchronous policy synchronous: an async predicate is refused with its own code', () => {
    const cors = createCors({ origins: [APP] });
    const predicate = async (origin: string): Promise<boolean> => origin === APP;
    let error: unknown;
    try {
      cors.reconfigure({ origins: predicate as never });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems).toStrictEqual([
      {
        code: 'reconfigure-sync-async',
        option: 'origins',
        value: predicate,
        message:
          'This policy decides synchronously; keep the predicate synchronous, (origin) => allowed.has(origin), or give the adapter createCors({ origins: async … }).',
      },
    ]);
    expect(cors.decide(get(APP)).allowed).toBe(true);
  });

  it('lets an asynchronous policy switch to synchronous checks (its callers handle both)', () => {
    const cors = createCors({ origins: async (origin) => origin === APP });
    cors.reconfigure({ origins: [ADMIN] });
    const decision = cors.decide(get(ADMIN));
    if (isPendingDecision(decision)) throw new Error('decided asynchronously');
    expect(decision.allowed).toBe(true);
  });

  it('keeps the hook, error handler, log option and debug flag unless the new options set them', () => {
    const hook = vi.fn();
    const onError = vi.fn();
    const cors = createCors({ origins: [APP], onError });
    cors.onDecision(hook);
    cors.setDebug(true);

    cors.reconfigure({ origins: [APP] });
    const debugged = cors.decide(preflight(APP, 'PUT'));
    expect([debugged.allowed, debugged.status]).toStrictEqual([false, 204]);
    expect(hook).toHaveBeenCalledTimes(1);
    expect(cors.getOptions()).toMatchObject({ onError, onDecision: hook, debug: true });

    const other = vi.fn();
    cors.reconfigure({ origins: [APP], onDecision: other, debug: false });
    expect(cors.decide(preflight(APP, 'PUT')).status).toBe(403);
    expect(hook).toHaveBeenCalledTimes(1);
    expect(other).toHaveBeenCalledTimes(1);
  });

  it('starts with an empty predicate cache', async () => {
    const lookup = vi.fn(async (origin: string) => origin === APP);
    const cors = createCors({ origins: lookup, cache: { ttlMs: 60_000 } });
    await cors.decide(get(APP));
    await cors.decide(get(APP));
    expect(lookup).toHaveBeenCalledTimes(1);

    cors.reconfigure({ origins: lookup, cache: { ttlMs: 60_000 } });
    await cors.decide(get(APP));
    expect(lookup).toHaveBeenCalledTimes(2);
  });
});

describe('cors.getOptions()', () => {
  it('writes every option out in the form validation accepts, functions by reference', () => {
    const onError = (): void => {};
    const cors = createCors({
      origins: ['https://app.example.com', 'https://*.example.com'],
      credentials: ['https://app.example.com'],
      methods: ['PUT'],
      allowedHeaders: ['Content-Type', 'X-Request-Id'],
      onError,
      routes: [
        { path: '/health', disabled: true },
        { path: '/public/*', method: ['GET'], origins: '*', credentials: false },
      ],
    });
    expect(cors.getOptions()).toStrictEqual({
      origins: ['https://app.example.com', 'https://*.example.com'],
      credentials: ['https://app.example.com'],
      methods: ['PUT'],
      allowedHeaders: ['content-type', 'x-request-id'],
      exposedHeaders: [],
      privateNetwork: false,
      preflight: { successStatus: 204, continue: false },
      rejectDisallowed: false,
      dangerouslyAllowNullOrigin: false,
      dangerouslyAllowFileOrigins: false,
      dangerouslyAllowInsecureOrigins: false,
      dangerouslyAllowPublicSuffixPatterns: false,
      timeout: 5000,
      routes: [
        { path: '/health', disabled: true },
        { path: '/public/*', method: ['GET'], origins: '*', credentials: false },
      ],
      onError,
    });
  });

  it('gives a copy: changing it changes nothing in force', () => {
    const cors = createCors({ origins: [APP] });
    (cors.getOptions().origins as string[]).push(ADMIN);
    expect(cors.decide(get(ADMIN)).allowed).toBe(false);
    expect(cors.getOptions().origins).toStrictEqual([APP]);
  });

  it('leaves the origins out of a top level that has none (its routes say who may read)', () => {
    const cors = createCors({ routes: [{ path: '/api/*', origins: [APP] }] });
    expect(cors.getOptions()).not.toHaveProperty('origins');
    expect(createCors(cors.getOptions()).decide(get(APP)).allowed).toBe(true);
  });
});

describe('cors.useOverlay(overlay), for adapters', () => {
  const overlay = (options: Readonly<Record<string, unknown>>) => ({
    ...options,
    routes: [
      ...((options['routes'] as { label?: string }[] | undefined) ?? []).filter(
        (route) => route.label !== 'framework',
      ),
      { label: 'framework', path: '/admin/*', origins: [ADMIN] },
    ],
  });

  it('merges what the framework adds over the options, and again after every reconfigure', () => {
    const cors = createCors({ origins: [APP] });
    cors.useOverlay(overlay);
    const admin = request('GET', { Origin: ADMIN }, '/admin/users');
    expect(cors.decide(admin).allowed).toBe(true);
    expect(cors.revision).toBe(1);

    cors.reconfigure({ origins: [APP], methods: ['PUT'] });
    expect(cors.decide(admin).allowed).toBe(true);
    cors.reconfigure(cors.getOptions());
    expect(cors.getOptions()['routes']).toHaveLength(1);
  });

  it('keeps the hook and debug flag set on the handle', () => {
    const hook = vi.fn();
    const cors = createCors({ origins: [APP] });
    cors.onDecision(hook);
    cors.setDebug(true);
    cors.useOverlay(overlay);
    expect(cors.decide(preflight(APP, 'PUT')).status).toBe(204);
    expect(hook).toHaveBeenCalledTimes(1);
    cors.reconfigure({ origins: [APP] });
    cors.decide(get(APP));
    expect(hook).toHaveBeenCalledTimes(2);
  });

  it('names createCors() in the errors of an overlay when the adapter names no caller', () => {
    const cors = createCors({ origins: [APP] });
    expect(() => cors.useOverlay(() => ({ origins: ['*', APP] }))).toThrow(
      /^Invalid CORS policy given to createCors\(\) \(1 problem\)/,
    );
  });

  it('is never handed what is not an options object: reconfigure refuses it first', () => {
    const cors = createCors({ origins: [APP] });
    const framework = vi.fn(overlay);
    cors.useOverlay(framework);
    framework.mockClear();
    for (const options of [null, 'https://app.example.com']) {
      expect(() => cors.reconfigure(options as never)).toThrow(
        /^Invalid CORS policy given to cors\.reconfigure\(\) \(1 problem\):\n {2}- options: /,
      );
    }
    expect(framework).not.toHaveBeenCalled();
    expect(cors.decide(request('GET', { Origin: ADMIN }, '/admin/users')).allowed).toBe(true);
  });

  it('refuses a result that is not a valid policy, naming the caller, and changes nothing', () => {
    const cors = createCors({ origins: [APP] });
    expect(() => cors.useOverlay(() => ({ origins: ['*', APP] }), 'CorsModule.forRoot()')).toThrow(
      /given to CorsModule\.forRoot\(\)[\s\S]*origin-wildcard-in-list/,
    );
    expect(cors.decide(get(APP)).allowed).toBe(true);
  });
});
