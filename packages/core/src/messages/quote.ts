/** Quotes a value for a message: JSON escaping keeps control characters out of logs. */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 120
      ? `${JSON.stringify(value.slice(0, 120))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'function') return 'a function';
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A list of strings as code: `['a', 'b']`. */
export function listLiteral(items: readonly string[]): string {
  return `[${items.map((item) => `'${item.replace(/['\\]/g, '\\$&')}'`).join(', ')}]`;
}
