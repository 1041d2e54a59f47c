import type { ListItem, Matcher, Outcome, Vector } from './vectors.ts';
import { expandValue, outcomesOf } from './vectors.ts';

/**
 * Judges an observed response against a vector's expected outcome, exactly as the vectors' README
 * defines the matchers: field lines joined with `, ` and trimmed; list elements split on `,`,
 * trimmed, empties dropped; Access-Control-Allow-Methods compared case-sensitively, every other
 * header case-insensitively; `*` counts only where `wildcardCounts` says a browser would let it.
 */

/** What the CORS layer produced for one request. */
export interface ObservedResponse {
  readonly status: number;
  /** Whether the application handler ran. */
  readonly passThrough: boolean;
  /** Field lines by lowercase header name. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
}

/** A response, or the policy was refused at construction. */
export type Observation = ObservedResponse | 'configRejected';

export interface VectorVerdict {
  readonly pass: boolean;
  /** For each alternative outcome, what did not hold (empty for the one that passed). */
  readonly failures: readonly (readonly string[])[];
}

const TRIM = /^[ \t]+|[ \t]+$/g;

function combined(lines: readonly string[] | undefined): string | undefined {
  return lines === undefined || lines.length === 0 ? undefined : lines.join(', ').replace(TRIM, '');
}

function elements(value: string): string[] {
  return value
    .split(',')
    .map((element) => element.replace(TRIM, ''))
    .filter((element) => element !== '');
}

function item(value: ListItem): string {
  return expandValue(value);
}

function show(value: string | undefined): string {
  if (value === undefined) return 'absent';
  return value.length > 80
    ? `${JSON.stringify(value.slice(0, 80))}… (${value.length} bytes)`
    : JSON.stringify(value);
}

function checkMatcher(
  name: string,
  matcher: Matcher,
  value: string | undefined,
): string | undefined {
  const caseSensitive = name === 'access-control-allow-methods';
  const same = (a: string, b: string): boolean =>
    caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
  if (matcher === null)
    return value === undefined ? undefined : `${name} should be absent, was ${show(value)}`;
  if (typeof matcher === 'string')
    return value === matcher ? undefined : `${name} should be ${show(matcher)}, was ${show(value)}`;
  if ('present' in matcher) return value !== undefined ? undefined : `${name} should be present`;
  if ('oneOf' in matcher) {
    const ok = matcher.oneOf.some((option) =>
      option === null ? value === undefined : value === option,
    );
    return ok
      ? undefined
      : `${name} should be one of ${JSON.stringify(matcher.oneOf)}, was ${show(value)}`;
  }
  if ('not' in matcher) {
    return value === undefined || !matcher.not.includes(value)
      ? undefined
      : `${name} must not be ${show(value)}`;
  }
  if ('listCovers' in matcher) {
    if (value === undefined)
      return `${name} should be present and list ${matcher.listCovers.map(item).join(', ')}`;
    const list = elements(value);
    if (matcher.wildcardCounts === true && list.includes('*')) return undefined;
    const missing = matcher.listCovers
      .map(item)
      .filter((wanted) => !list.some((element) => same(element, wanted)));
    return missing.length === 0
      ? undefined
      : `${name} ${show(value)} should cover ${show(missing.join(', '))}`;
  }
  if (value === undefined) return undefined;
  const list = elements(value);
  if (matcher.wildcardCounts === true && list.includes('*'))
    return `${name} ${show(value)} must not contain '*'`;
  const present = matcher.listLacks
    .map(item)
    .filter((unwanted) => list.some((element) => same(element, unwanted)));
  return present.length === 0
    ? undefined
    : `${name} ${show(value)} must not cover ${show(present.join(', '))}`;
}

/** What does not hold of `outcome` in `observed`; empty when it all holds. */
export function checkOutcome(outcome: Outcome, observed: Observation): string[] {
  if (observed === 'configRejected') {
    return outcome.configRejected === true
      ? []
      : ['the policy was rejected at construction, but should be accepted'];
  }
  if (outcome.configRejected === true) return ['the policy should be rejected at construction'];
  const failures: string[] = [];
  if (outcome.status !== undefined) {
    const ok =
      outcome.status === '2xx'
        ? observed.status >= 200 && observed.status <= 299
        : observed.status === outcome.status;
    if (!ok) failures.push(`status should be ${outcome.status}, was ${observed.status}`);
  }
  if (outcome.passThrough !== undefined && outcome.passThrough !== observed.passThrough) {
    failures.push(
      outcome.passThrough
        ? 'the handler should run'
        : 'the CORS layer should answer without running the handler',
    );
  }
  for (const [rawName, expected] of Object.entries(outcome.headers ?? {})) {
    const name = rawName.toLowerCase();
    const value = combined(observed.headers[name]);
    const matchers = Array.isArray(expected)
      ? (expected as readonly Matcher[])
      : [expected as Matcher];
    for (const matcher of matchers) {
      const failure = checkMatcher(name, matcher, value);
      if (failure !== undefined) failures.push(failure);
    }
  }
  if (outcome.varyIncludes !== undefined) {
    const tokens = (observed.headers['vary'] ?? [])
      .flatMap(elements)
      .map((token) => token.toLowerCase());
    if (!tokens.includes('*')) {
      const missing = outcome.varyIncludes.filter((token) => !tokens.includes(token.toLowerCase()));
      if (missing.length > 0)
        failures.push(
          `Vary ${show(combined(observed.headers['vary']))} should include ${missing.join(', ')}`,
        );
    }
  }
  return failures;
}

/** Whether `observed` satisfies one of the vector's alternatives. */
export function checkVector(vector: Vector, observed: Observation): VectorVerdict {
  const failures = outcomesOf(vector).map((outcome) => checkOutcome(outcome, observed));
  return { pass: failures.some((list) => list.length === 0), failures };
}

/** A readable account of why a vector failed. */
export function describeFailure(vector: Vector, verdict: VectorVerdict): string {
  const alternatives = verdict.failures.map(
    (list, i) =>
      `  ${verdict.failures.length > 1 ? `alternative ${i + 1}: ` : ''}${list.join('; ')}`,
  );
  return `${vector.id}: ${vector.why}\n${alternatives.join('\n')}`;
}
