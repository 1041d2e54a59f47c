import { describe, expect, it } from 'vitest';
import type { Observation, Vector } from '../../testkit/src/index.ts';
import {
  checkVector,
  describeFailure,
  expandValue,
  toCorsOptions,
  vectors,
} from '../../testkit/src/index.ts';
import type { Cors, CorsDecision } from './index.ts';
import { appendVary, CorsConfigError, createCors } from './index.ts';
import { request } from './test-support/requests.ts';

/**
 * Every conformance vector against the core alone. The vectors live in the testkit package, which
 * owns them; they are read by relative path so the core has no dependency on the testkit.
 */

function observe(decision: CorsDecision): Observation {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of decision.headers) headers[name] = [value];
  const vary = appendVary(undefined, decision.vary);
  if (vary !== undefined) headers['vary'] = [vary];
  return { status: decision.status ?? 200, passThrough: decision.status === undefined, headers };
}

function run(vector: Vector, through: (cors: Cors) => Cors = (cors) => cors): Observation {
  let cors: Cors;
  try {
    cors = through(createCors(toCorsOptions(vector.policy)));
  } catch (error) {
    if (error instanceof CorsConfigError) return 'configRejected';
    throw error;
  }
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(vector.request.headers))
    headers[name] = expandValue(value);
  return observe(cors.decide(request(vector.request.method, headers, vector.request.path)));
}

describe('conformance vectors against the core', () => {
  it('has all 128 vectors', () => {
    expect(vectors).toHaveLength(128);
  });

  it.each(vectors.map((vector) => [vector.id, vector] as const))('%s', (_id, vector) => {
    const verdict = checkVector(vector, run(vector));
    expect(verdict.pass, describeFailure(vector, verdict)).toBe(true);
  });
});

describe('conformance vectors, through getOptions()', () => {
  // The normalized options compile to a policy that decides every vector as the original does.
  it.each(vectors.map((vector) => [vector.id, vector] as const))('%s', (_id, vector) => {
    const copy = run(vector, (cors) => createCors(cors.getOptions()));
    expect(copy).toStrictEqual(run(vector));
    const verdict = checkVector(vector, copy);
    expect(verdict.pass, describeFailure(vector, verdict)).toBe(true);
  });
});
