import { configMessages as say } from '../messages/config.ts';
import type { CorsConfigProblemCode, Problems } from './problems.ts';

/**
 * The list options (`origins`, `credentials`, `methods`, `allowedHeaders`, `exposedHeaders`) share
 * one shape: left out, `'*'`, or a list whose elements are each checked, with duplicates and a
 * `'*'` among them refused. One validator, so every list says the same things the same way.
 */

/** What a list option holds once checked. */
export type ListOption<T> =
  | { readonly kind: 'absent' }
  | { readonly kind: 'any' }
  /** Not a list: reported; `string` when a comma-separated string was written. */
  | { readonly kind: 'invalid' }
  | {
      readonly kind: 'list';
      readonly values: readonly T[];
      /** Where each value was written, e.g. `origins[2]`. */
      readonly at: readonly string[];
      /** Whether the list also held `'*'` (only `allowedHeaders` accepts that). */
      readonly wildcard: boolean;
    };

export interface ListRules<T> {
  /** Whether `'*'` alone is allowed. */
  readonly star: boolean;
  /** The message for a value that is neither `'*'` nor a list. */
  readonly typeMessage: (value: unknown) => string;
  /** For a comma-separated string: the element as it should be written in the list. */
  readonly fromString: (element: string) => string;
  /** Checks one element; reports and returns undefined, or its value and its duplicate key. */
  readonly element: (
    item: unknown,
    at: string,
  ) => { readonly value: T; readonly key: string } | undefined;
  /** `'*'` inside the list: refused with this code and message, or accepted. */
  readonly wildcardInList:
    | { readonly code: CorsConfigProblemCode; readonly message: string }
    | 'accept';
  /** The problem for a repeated element. */
  readonly duplicate: (
    item: unknown,
    first: number,
  ) => { readonly code: CorsConfigProblemCode; readonly message: string };
}

export function checkList<T>(
  value: unknown,
  option: string,
  rules: ListRules<T>,
  problems: Problems,
): ListOption<T> {
  if (value === undefined) return { kind: 'absent' };
  if (value === '*' && rules.star) return { kind: 'any' };
  if (typeof value === 'string') {
    const corrected = value
      .split(',')
      .map((element) => element.trim())
      .filter((element) => element !== '')
      .map(rules.fromString);
    problems.add('option-type', option, value, say.listString(option, corrected));
    return { kind: 'invalid' };
  }
  if (!Array.isArray(value)) {
    problems.add('option-type', option, value, rules.typeMessage(value));
    return { kind: 'invalid' };
  }
  const values: T[] = [];
  const at: string[] = [];
  const seen = new Map<string, number>();
  let wildcard = false;
  value.forEach((item: unknown, i) => {
    const position = `${option}[${i}]`;
    if (item === '*') {
      if (rules.wildcardInList === 'accept') wildcard = true;
      else problems.add(rules.wildcardInList.code, position, item, rules.wildcardInList.message);
      return;
    }
    const checked = rules.element(item, position);
    if (checked === undefined) return;
    const first = seen.get(checked.key);
    if (first !== undefined) {
      const duplicate = rules.duplicate(item, first);
      problems.add(duplicate.code, position, item, duplicate.message);
      return;
    }
    seen.set(checked.key, i);
    values.push(checked.value);
    at.push(position);
  });
  return { kind: 'list', values, at, wildcard };
}
