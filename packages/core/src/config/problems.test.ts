import { describe, expect, it } from 'vitest';
import type { CorsConfigProblem } from './problems.ts';
import { CorsConfigError, concernsKeys, Problems } from './problems.ts';

const maxAge: CorsConfigProblem = {
  code: 'max-age-invalid',
  option: 'maxAge',
  value: -1,
  message: 'maxAge is a whole number of seconds.',
};

describe('CorsConfigError', () => {
  it('names createCors() when no caller is given, and lists every problem', () => {
    const error = new CorsConfigError([maxAge]);
    expect(error.name).toBe('CorsConfigError');
    expect(error.message).toBe(
      'Invalid CORS policy given to createCors() (1 problem):\n  - maxAge: maxAge is a whole number of seconds. [max-age-invalid]',
    );
    expect(error.problems).toStrictEqual([maxAge]);
  });

  it('names the caller it is given', () => {
    expect(new CorsConfigError([maxAge], 'cors()').message).toMatch(
      /^Invalid CORS policy given to cors\(\) \(1 problem\):/,
    );
  });
});

describe('concernsKeys', () => {
  it('reads the keys a problem involves: one of them suffices', () => {
    const problems = new Problems('routes[0].');
    problems.add('origin-wildcard-with-credentials', 'routes[0].origins', '*', 'm', [
      'origins',
      'credentials',
    ]);
    problems.add('max-age-invalid', 'routes[0].maxAge', -1, 'm');
    const [wildcard, age] = problems.list;
    expect(wildcard?.keys).toStrictEqual(['origins', 'credentials']);
    expect(age?.keys).toStrictEqual(['maxAge']);
    expect(concernsKeys(wildcard as CorsConfigProblem, new Set(['credentials']))).toBe(true);
    expect(concernsKeys(wildcard as CorsConfigProblem, new Set(['maxAge']))).toBe(false);
  });

  it('takes the option itself as the key of a problem without keys', () => {
    expect(concernsKeys(maxAge, new Set(['maxAge']))).toBe(true);
    expect(concernsKeys(maxAge, new Set(['origins']))).toBe(false);
  });
});
