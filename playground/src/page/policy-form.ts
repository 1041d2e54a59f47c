/**
 * The policy form: what `getOptions()` returns, as the text fields a person edits, and back.
 * Values are sent as written (a maxAge of `ten` stays a string): the core's configuration errors
 * are the lesson, not something the form hides.
 */
export interface PolicyFields {
  /** One origin or pattern per line; `*` alone for any origin. */
  readonly origins: string;
  readonly credentials: boolean;
  /** Comma-separated; `*` alone for any. */
  readonly methods: string;
  readonly allowedHeaders: string;
  readonly exposedHeaders: string;
  /** Seconds; empty for the browser default (5 s). */
  readonly maxAge: string;
}

export const EDITED_KEYS = [
  'origins',
  'credentials',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'maxAge',
] as const;

function listText(value: unknown, separator: string): string {
  if (Array.isArray(value)) return value.map(String).join(separator);
  return value === undefined || value === null ? '' : String(value);
}

export function fieldsOf(options: Readonly<Record<string, unknown>>): PolicyFields {
  return {
    origins: listText(options['origins'], '\n'),
    credentials: options['credentials'] === true,
    methods: listText(options['methods'], ', '),
    allowedHeaders: listText(options['allowedHeaders'], ', '),
    exposedHeaders: listText(options['exposedHeaders'], ', '),
    maxAge: options['maxAge'] === undefined ? '' : String(options['maxAge']),
  };
}

/** Items of a list field; `*` alone stays the wildcard string. */
function listOf(text: string, split: RegExp): string | string[] {
  const items = text
    .split(split)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length === 1 && items[0] === '*' ? '*' : items;
}

/** The options to send: the six edited keys, exactly as the fields say. */
export function optionsOf(fields: PolicyFields): Record<string, unknown> {
  const maxAge = fields.maxAge.trim();
  return {
    origins: listOf(fields.origins, /\n/),
    credentials: fields.credentials,
    methods: listOf(fields.methods, /[,\s]+/),
    allowedHeaders: listOf(fields.allowedHeaders, /[,\s]+/),
    exposedHeaders: listOf(fields.exposedHeaders, /[,\s]+/),
    ...(maxAge === '' ? {} : { maxAge: /^-?\d+(\.\d+)?$/.test(maxAge) ? Number(maxAge) : maxAge }),
  };
}

/** The options as the code a user would write, for the page to show next to the form. */
export function codeOf(options: Readonly<Record<string, unknown>>): string {
  const shown = EDITED_KEYS.filter((key) => {
    const value = options[key];
    return value !== undefined && !(Array.isArray(value) && value.length === 0) && value !== false;
  });
  const literal = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map(literal).join(', ')}]`
      : typeof value === 'string'
        ? `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
        : String(value);
  const lines = shown.map((key) => `  ${key}: ${literal(options[key])},`);
  return `createCors({\n${lines.join('\n')}\n})`;
}
