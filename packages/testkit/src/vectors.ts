import vectorFile from '../vectors.json' with { type: 'json' };

/**
 * The conformance vectors (`vectors.json`, schema in its `schema` block): 128 cases derived from
 * the Fetch standard, RFC 9110, RFC 6454, the PNA draft and WPT. Shipped with the package so a
 * contributor proving a new adapter needs nothing else.
 */

/** A neutral policy: library-independent, always complete. */
export interface NeutralPolicy {
  readonly allowedOrigins: '*' | readonly string[];
  readonly allowCredentials: boolean;
  readonly allowedMethods: '*' | readonly string[];
  readonly allowedHeaders: '*' | readonly string[];
  readonly exposedHeaders: '*' | readonly string[];
  readonly maxAgeSeconds: number | null;
  readonly allowPrivateNetwork: boolean;
  readonly preflightSuccessStatus: number | null;
}

/** `prefix + unit × count + suffix`: how the file writes 64-200 KB values compactly. */
export interface RepeatedValue {
  readonly $repeat: {
    readonly unit: string;
    readonly count: number;
    readonly prefix?: string;
    readonly suffix?: string;
  };
}

export type VectorHeaderValue = string | readonly string[] | RepeatedValue;

export interface VectorRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, VectorHeaderValue>>;
}

export type ListItem = string | RepeatedValue;

export type Matcher =
  | string
  | null
  | { readonly oneOf: readonly (string | null)[] }
  | { readonly not: readonly string[] }
  | { readonly present: true }
  | { readonly listCovers: readonly ListItem[]; readonly wildcardCounts?: boolean }
  | { readonly listLacks: readonly ListItem[]; readonly wildcardCounts?: boolean };

export interface Outcome {
  readonly configRejected?: true;
  readonly status?: number | '2xx';
  readonly passThrough?: boolean;
  readonly headers?: Readonly<Record<string, Matcher | readonly Matcher[]>>;
  readonly varyIncludes?: readonly string[];
  readonly timeLimitMs?: number;
}

export interface Vector {
  readonly id: string;
  readonly why: string;
  readonly tags: readonly string[];
  readonly policy: NeutralPolicy;
  readonly request: VectorRequest;
  readonly expect: Outcome | { readonly anyOf: readonly Outcome[] };
}

/** Every conformance vector, in file order. */
export const vectors: readonly Vector[] = (vectorFile as unknown as { vectors: Vector[] }).vectors;

/** Expands a `$repeat` value; strings and arrays come back unchanged. */
export function expandValue(value: string | RepeatedValue): string;
export function expandValue(value: VectorHeaderValue): string | readonly string[];
export function expandValue(value: VectorHeaderValue): string | readonly string[] {
  if (typeof value === 'string' || Array.isArray(value)) return value as string | readonly string[];
  const { unit, count, prefix = '', suffix = '' } = (value as RepeatedValue).$repeat;
  return prefix + unit.repeat(count) + suffix;
}

/** The alternatives a vector accepts (`anyOf`), or its single outcome. */
export function outcomesOf(vector: Vector): readonly Outcome[] {
  return 'anyOf' in vector.expect ? vector.expect.anyOf : [vector.expect];
}
