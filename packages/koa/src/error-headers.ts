import type { CorsDecision } from '@corsica/cors-core';
import { appendVary, VARY } from '@corsica/cors-core';

/** The header values koa's `ctx.set` accepts from `err.headers`. */
type ErrorHeaderValue = string | number | readonly string[];

/**
 * Puts the decision on a thrown error, because koa's `ctx.onerror` removes every response header
 * and then sets only `err.headers`. Access-Control-* headers already on the error are dropped (an
 * error object reused across requests would otherwise carry another origin's grant); Vary, in
 * whatever case the error spells it, is merged with the decision's tokens.
 */
export function keepCorsHeadersOnError(error: unknown, decision: CorsDecision): void {
  if (typeof error !== 'object' || error === null) return;
  const own: unknown = Reflect.get(error, 'headers');
  const headers: Record<string, ErrorHeaderValue> = {};
  const vary: string[] = [];
  if (typeof own === 'object' && own !== null) {
    for (const [name, value] of Object.entries(own as Record<string, ErrorHeaderValue>)) {
      const lower = name.toLowerCase();
      if (lower === VARY) vary.push(...(Array.isArray(value) ? value : [String(value)]));
      else if (!lower.startsWith('access-control-')) headers[name] = value;
    }
  }
  for (const [name, value] of decision.headers) headers[name] = value;
  const current = vary.join(', ');
  const merged = appendVary(current, decision.vary) ?? current;
  if (merged !== '') headers[VARY] = merged;
  // Not an assignment: an error whose headers cannot be replaced is rethrown as is, not as a TypeError.
  Reflect.set(error, 'headers', headers);
}
