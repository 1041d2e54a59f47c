import type { CorsLogSink } from '../types.ts';

/**
 * The development log an adapter hands its policy (`useLog`): lines go to `write` (the framework's
 * logger, or `console.warn`), and the log is off by default in production. `nodeEnv` is the value
 * of `NODE_ENV`, or a function reading it, called once, now. A runtime that forbids reading it
 * (Deno without `--allow-env` throws) cannot tell development from production and counts as
 * production: quiet unless the policy's `log` option asks.
 */
export function developmentLog<TContext>(
  write: (line: string, context: TContext | undefined) => void,
  nodeEnv: string | undefined | (() => string | undefined),
): CorsLogSink<TContext> {
  let production: boolean;
  try {
    production = (typeof nodeEnv === 'function' ? nodeEnv() : nodeEnv) === 'production';
  } catch {
    production = true;
  }
  return { write, production };
}
