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
});
