import { describe, expect, it, vi } from 'vitest';
import { consoleLog } from './console-log.ts';

/** A log built while the runtime's `process` was `runtime`: it reads its environment then, once. */
function builtUnder(runtime: unknown): ReturnType<typeof consoleLog> {
  const real = Object.getOwnPropertyDescriptor(globalThis, 'process');
  if (real === undefined) throw new Error('this test runs on Node');
  Object.defineProperty(globalThis, 'process', { configurable: true, value: runtime });
  try {
    return consoleLog();
  } finally {
    Object.defineProperty(globalThis, 'process', real);
  }
}

describe('consoleLog', () => {
  it.each([
    ['production', true],
    ['development', false],
    [undefined, false],
  ])('NODE_ENV %s: production is %s', (nodeEnv, production) => {
    expect(builtUnder({ env: { NODE_ENV: nodeEnv } }).production).toBe(production);
  });

  it('writes each line to console.warn, as it is written', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const log = consoleLog();
    expect(warn).not.toHaveBeenCalled();
    log.write('CORS preflight from "https://evil.example" to "OPTIONS /": denied', undefined);
    expect(warn.mock.calls).toStrictEqual([
      ['CORS preflight from "https://evil.example" to "OPTIONS /": denied'],
    ]);
  });
});

describe('consoleLog where the runtime says little of its environment', () => {
  it('is quiet on a runtime with no process at all (Workers): it cannot tell development apart', () => {
    expect(builtUnder(undefined).production).toBe(true);
  });

  it('writes on a runtime whose process has no env: NODE_ENV is not production there', () => {
    expect(builtUnder({}).production).toBe(false);
  });
});
