/**
 * Route paths as Nest 11+ registers them (path-to-regexp v8: `:id`, optional groups `{/:id}`,
 * wildcards `*path` and `{*path}`, `\` escapes, and the legacy trailing `*` Nest still converts)
 * translated into the core's route paths (`/exact`, `/:param`, a trailing `/*`). Optional groups
 * expand into one path per variant; a trailing wildcard becomes a prefix. What the core cannot
 * express (a parameter sharing its segment with text, a wildcard before the end, a regular
 * expression) is reported, so that the app fails at bootstrap instead of guessing.
 */

type Token =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'group'; readonly tokens: readonly Token[] };

export type Translation = { readonly paths: readonly string[] } | { readonly problem: string };

/** More variants than this means a path made of many optional groups: refused, not expanded. */
const MAX_VARIANTS = 64;
/** path-to-regexp v8's name characters: `$`, ID_Continue, and the zero-width (non-)joiners. */
const NAME_CHAR = /^(?:[$\p{ID_Continue}]|\u200c|\u200d)$/u;
const CORE_PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = '()[]?+!';

class Untranslatable extends Error {}

/** The core paths covering exactly the requests Nest routes to `nestPath` (a prefix: a superset). */
export function toCorePaths(nestPath: string): Translation {
  try {
    const paths = expand(new Parser(nestPath).tokens(false)).map(toCorePath);
    return { paths: [...new Set(paths)] };
  } catch (error) {
    if (error instanceof Untranslatable) return { problem: error.message };
    throw error;
  }
}

/** The path with parameter names left out: two paths with the same shape match the same requests. */
export function shapeOf(corePath: string): string {
  return corePath.replace(/\/:[A-Za-z0-9_]+/g, '/:');
}

class Parser {
  #at = 0;
  constructor(readonly source: string) {}

  tokens(inGroup: boolean): Token[] {
    const tokens: Token[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') tokens.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.#at < this.source.length) {
      const char = this.source[this.#at++] as string;
      if (char === '\\') {
        text += this.source[this.#at++] ?? '';
      } else if (char === '{') {
        flush();
        tokens.push({ kind: 'group', tokens: this.tokens(true) });
      } else if (char === '}') {
        if (!inGroup) throw new Untranslatable('has a "}" that closes no group');
        flush();
        return tokens;
      } else if (char === ':' || char === '*') {
        flush();
        const name = this.#name();
        if (char === '*') tokens.push({ kind: 'wildcard' });
        else if (name === '') throw new Untranslatable('has a ":" with no parameter name');
        else tokens.push({ kind: 'param', name: CORE_PARAM_NAME.test(name) ? name : 'param' });
      } else if (RESERVED.includes(char)) {
        throw new Untranslatable(
          `uses "${char}", which path-to-regexp v8 reserves (no regular expressions, no "?" or "+" modifiers)`,
        );
      } else {
        text += char;
      }
    }
    if (inGroup) throw new Untranslatable('has a "{" that is never closed');
    flush();
    return tokens;
  }

  /** A parameter or wildcard name: identifier characters, or a quoted string. */
  #name(): string {
    const { source } = this;
    if (source[this.#at] === '"') {
      const end = source.indexOf('"', this.#at + 1);
      if (end === -1) throw new Untranslatable('has a quoted parameter name that is never closed');
      const name = source.slice(this.#at + 1, end);
      this.#at = end + 1;
      return name;
    }
    const start = this.#at;
    while (this.#at < source.length && NAME_CHAR.test(source[this.#at] as string)) this.#at++;
    return source.slice(start, this.#at);
  }
}

/** Every way the optional groups can be taken or left, as flat token lists. */
function expand(tokens: readonly Token[]): Token[][] {
  let variants: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind !== 'group') {
      variants = variants.map((variant) => [...variant, token]);
      continue;
    }
    const inner = expand(token.tokens);
    variants = variants.flatMap((variant) => [variant, ...inner.map((i) => [...variant, ...i])]);
    if (variants.length > MAX_VARIANTS) {
      throw new Untranslatable(`has more than ${MAX_VARIANTS} combinations of optional groups`);
    }
  }
  return variants;
}

/** One expanded variant, segment by segment. */
function toCorePath(tokens: readonly Token[]): string {
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind !== 'text') {
      segments[segments.length - 1]?.push(token);
      continue;
    }
    token.value.split('/').forEach((part, i) => {
      if (i > 0) segments.push([]);
      if (part !== '') segments[segments.length - 1]?.push({ kind: 'text', value: part });
    });
  }
  // What precedes the first "/" is empty in the paths Nest builds; a trailing "/" is dropped, as
  // Nest drops it.
  const body = segments.slice(1);
  if (body.length > 1 && body[body.length - 1]?.length === 0) body.pop();
  const parts = body.map((segment, i) => segmentOf(segment, i === body.length - 1));
  return `/${parts.join('/')}`;
}

function segmentOf(segment: readonly Token[], last: boolean): string {
  if (segment.every((token) => token.kind === 'text')) {
    return segment.map((token) => token.value).join('');
  }
  const [only] = segment;
  if (segment.length === 1 && only?.kind === 'param') return `:${only.name}`;
  if (segment.length === 1 && only?.kind === 'wildcard') {
    if (last) return '*';
    throw new Untranslatable(
      'has a wildcard before its end; per-path policies only take one at the end ("/files/*path")',
    );
  }
  const written = segment
    .map((token) =>
      token.kind === 'text' ? token.value : token.kind === 'param' ? `:${token.name}` : '*',
    )
    .join('');
  throw new Untranslatable(
    `has a parameter or wildcard sharing its segment with text ("${written}"); per-path policies match a parameter as a whole segment: give it a segment of its own`,
  );
}
