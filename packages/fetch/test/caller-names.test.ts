import { CorsConfigError } from '@corsica/cors-core';
import { describe, expect, it } from 'vitest';
import { withCors } from '../src/index.ts';

/** A refused policy names what the user called, so the error points at their own line. */
describe('the CorsConfigError of a refused policy', () => {
  it.each([['withCors()', () => withCors({} as never, () => new Response('ok'))]])(
    'names %s',
    (caller, build) => {
      expect(build).toThrow(CorsConfigError);
      expect(build).toThrow(`Invalid CORS policy given to ${caller} (1 problem)`);
    },
  );
});
