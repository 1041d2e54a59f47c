import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from './test-support/requests.ts';

/**
 * The development log loads its explanations on demand (a chunk of their own). When that load
 * fails, the error goes to `onError` and no line is written.
 *
 * A file of its own, left out of mutation runs (`stryker.config.mjs`): the test loads the whole core
 * again inside the test (`vi.resetModules`), so Stryker would count every module-level constant of
 * the core as covered by this one test, and report each as surviving it.
 */

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

describe('the development log, when the explanations cannot be loaded', () => {
  afterEach(() => {
    vi.doUnmock('./messages/explain.ts');
    vi.resetModules();
  });

  it('hands the loading error to onError and writes nothing', async () => {
    vi.resetModules();
    vi.doMock('./messages/explain.ts', () => {
      throw new Error('chunk missing');
    });
    const fresh = await import('./index.ts');
    const onError = vi.fn();
    const lines: string[] = [];
    const cors = fresh.createCors({ origins: [APP], onError });
    cors.useLog({ write: (line) => lines.push(line), production: false });
    const req = request('GET', { Origin: EVIL }, '/');
    cors.decide(req);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledOnce());
    expect(onError).toHaveBeenCalledWith(expect.any(Error), req);
    expect(lines).toStrictEqual([]);
  });
});
