import { format } from 'node:util';

/**
 * koa's `ctx.onerror` removes every response header and then sets `err.headers`. The CORS layer
 * puts its own headers back when the head is written; Access-Control-* headers carried by the
 * error are dropped first, because an error object reused across requests would otherwise carry
 * another origin's grant onto a response this request's decision denies.
 */
export function dropStaleCorsHeaders(error: unknown): void {
  if (typeof error !== 'object' || error === null) return;
  const own: unknown = Reflect.get(error, 'headers');
  if (typeof own !== 'object' || own === null) return;
  const kept: Record<string, unknown> = {};
  let dropped = false;
  for (const [name, value] of Object.entries(own)) {
    if (name.toLowerCase().startsWith('access-control-')) dropped = true;
    else kept[name] = value;
  }
  // Not an assignment: an error whose headers cannot be replaced is rethrown as is, not as a TypeError.
  if (dropped) Reflect.set(error, 'headers', kept);
}

/**
 * What koa does itself with a thrown non-Error (`throw 'boom'`), done here so that middleware
 * above sees the same Error koa would answer with (koa 2 and 3 word it alike).
 */
export function wrapNonError(error: unknown): unknown {
  if (error instanceof Error || Object.prototype.toString.call(error) === '[object Error]') {
    return error;
  }
  return new Error(format('non-error thrown: %j', error), { cause: error });
}
