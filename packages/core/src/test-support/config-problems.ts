import type { CorsConfigProblem } from '../index.ts';
import { CorsConfigError, createCors } from '../index.ts';

/** The problems `createCors` reports for `options`, in order; none when it accepts them. */
export function configProblems(options: unknown): readonly CorsConfigProblem[] {
  try {
    createCors(options as never);
  } catch (error) {
    if (error instanceof CorsConfigError) return error.problems;
    throw error;
  }
  return [];
}
