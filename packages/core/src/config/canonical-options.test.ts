import { describe, expect, it } from 'vitest';
import { createCors } from '../index.ts';

/** `getOptions()`: a validated policy written back as the options that compile to it. */

const APP = 'https://app.example.com';

describe('getOptions', () => {
  it('writes every option of a minimal policy, and no cache when none was given', () => {
    expect(createCors({ origins: [APP] }).getOptions()).toStrictEqual({
      origins: [APP],
      credentials: false,
      methods: [],
      allowedHeaders: [],
      exposedHeaders: [],
      privateNetwork: false,
      preflight: { successStatus: 204, continue: false },
      rejectDisallowed: false,
      dangerouslyAllowNullOrigin: false,
      dangerouslyAllowFileOrigins: false,
      dangerouslyAllowInsecureOrigins: false,
      dangerouslyAllowPublicSuffixPatterns: false,
      timeout: 5000,
    });
  });

  it("writes allowedHeaders: '*' back as '*'", () => {
    expect(createCors({ origins: [APP], allowedHeaders: '*' }).getOptions().allowedHeaders).toBe(
      '*',
    );
  });

  it('writes a copy of the cache options', () => {
    const cache = { ttlMs: 60000 };
    const written = createCors({ origins: [APP], cache }).getOptions().cache;
    expect(written).toStrictEqual(cache);
    expect(written).not.toBe(cache);
  });

  it('gives fresh lists on every call: changing one changes neither the policy nor the next', () => {
    const cors = createCors({ origins: [APP], methods: ['PUT'], exposedHeaders: ['X-Id'] });
    const first = cors.getOptions();
    (first.methods as string[]).push('PATCH');
    (first.exposedHeaders as string[]).push('X-Other');
    expect(cors.getOptions()).toMatchObject({ methods: ['PUT'], exposedHeaders: ['X-Id'] });
  });
});
