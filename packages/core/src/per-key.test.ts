import { describe, expect, it, vi } from 'vitest';
import { CorsConfigError, corsPerKey } from './index.ts';
import { request } from './test-support/requests.ts';

const get = (origin: string) => request('GET', { Origin: origin }, '/');

describe('corsPerKey(options)', () => {
  it('builds and compiles the options once per key, then reuses the compiled policy', () => {
    const options = vi.fn((origins: string) => ({ origins: origins.split(',') }));
    const policyFor = corsPerKey(options);
    const staging = policyFor('https://staging.example.com');
    expect(policyFor('https://staging.example.com')).toBe(staging);
    expect(staging.decide(get('https://staging.example.com')).headers).toStrictEqual([
      ['access-control-allow-origin', 'https://staging.example.com'],
    ]);
    const production = policyFor('https://app.example.com,https://admin.example.com');
    expect(production.decide(get('https://staging.example.com')).allowed).toBe(false);
    expect(options).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxKeys policies, dropping the least recently used', () => {
    const options = vi.fn((origin: string) => ({ origins: [origin] }));
    const policyFor = corsPerKey(options, { maxKeys: 2 });
    const a = policyFor('https://a.example.com');
    policyFor('https://b.example.com');
    expect(policyFor('https://a.example.com')).toBe(a); // a is now the most recent
    policyFor('https://c.example.com'); // drops b
    expect(policyFor('https://a.example.com')).toBe(a);
    expect(options).toHaveBeenCalledTimes(3);
    policyFor('https://b.example.com');
    expect(options).toHaveBeenCalledTimes(4);
  });

  it('throws the CorsConfigError of a key whose options are invalid, every time, compiling once', () => {
    const options = vi.fn((origin: string) => ({ origins: [origin] }));
    const policyFor = corsPerKey(options);
    const attempt = () => policyFor('https://app.example.com/');
    expect(attempt).toThrow(CorsConfigError);
    expect(attempt).toThrow(/given to corsPerKey\(\)[\s\S]*origin-trailing-slash/);
    expect(options).toHaveBeenCalledTimes(1);
  });

  it('refuses a maxKeys that bounds nothing, with the value to write', () => {
    expect(() => corsPerKey(() => ({ origins: '*' }), { maxKeys: 0 })).toThrow(
      /maxKeys is a whole number of at least 1, not 0; e\.g\. maxKeys: 64\./,
    );
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'refuses maxKeys: %s with one option-type problem, naming corsPerKey()',
    (maxKeys) => {
      let error: unknown;
      try {
        corsPerKey(() => ({ origins: '*' }), { maxKeys });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CorsConfigError);
      expect((error as CorsConfigError).problems).toStrictEqual([
        {
          code: 'option-type',
          option: 'maxKeys',
          value: maxKeys,
          message: `maxKeys is a whole number of at least 1, not ${String(maxKeys)}; e.g. maxKeys: 64.`,
        },
      ]);
      expect((error as CorsConfigError).message).toMatch(
        /^Invalid CORS policy given to corsPerKey\(\) \(1 problem\):/,
      );
    },
  );

  it('accepts maxKeys: 1, keeping only the last key compiled', () => {
    const options = vi.fn((origin: string) => ({ origins: [origin] }));
    const policyFor = corsPerKey(options, { maxKeys: 1 });
    const a = policyFor('https://a.example.com');
    expect(policyFor('https://a.example.com')).toBe(a);
    policyFor('https://b.example.com');
    expect(policyFor('https://a.example.com')).not.toBe(a);
    expect(options).toHaveBeenCalledTimes(3);
  });
});
