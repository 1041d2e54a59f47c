import { CorsConfigError } from '@corsica/cors-core';
import { expect, it } from 'vitest';
import { cors } from '../src/index.ts';

/** A refused policy names what the user called, so the error points at their own line. */
it('a refused policy names cors(), what the user called', () => {
  expect(() => cors({} as never)).toThrow(CorsConfigError);
  expect(() => cors({} as never)).toThrow('Invalid CORS policy given to cors() (1 problem)');
});
