import { sanitizeForLog } from './sanitize.ts';

/** Quotes a value for a message, safe to log (`sanitizeForLog`): strings in double quotes. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `"${sanitizeForLog(value).replace(/"/g, '\\"')}"`;
  if (value instanceof RegExp) return sanitizeForLog(String(value));
  if (typeof value === 'function') return 'a function';
  if (value === undefined) return 'undefined';
  try {
    return sanitizeForLog(JSON.stringify(value) ?? String(value));
  } catch {
    return sanitizeForLog(String(value));
  }
}

/** A list of strings as code: `['a', 'b']`. */
export function listLiteral(items: readonly string[]): string {
  return `[${items.map((item) => `'${sanitizeForLog(item).replace(/'/g, "\\'")}'`).join(', ')}]`;
}
