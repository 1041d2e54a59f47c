import type { Token } from 'path-to-regexp';
import { parse } from 'path-to-regexp';

/**
 * A Nest route path, read by path-to-regexp v8, as core route paths: one per variant of its
 * optional groups, a trailing wildcard (or the unnamed `*` Nest rewrites to `{*path}`) as a prefix.
 * What the core cannot express is a problem: the app fails at bootstrap instead of guessing.
 */
export type Translation = { readonly paths: readonly string[] } | { readonly problem: string };

/** Parameters (`\uE000name\uE001`) and wildcards, marked with characters route paths never hold. */
const PARAM = /\uE000(\w+)\uE001/g;
const WILDCARD = '\uE002';

class Untranslatable extends Error {}

export function toCorePaths(nestPath: string): Translation {
  try {
    const legacy = /\(\.\*\)$|(?<!\\)\*(?![$"\p{ID_Continue}])/gu;
    const paths = variants(parse(nestPath.replace(legacy, '*path')).tokens).map(toCorePath);
    return { paths: [...new Set(paths)] };
  } catch (error) {
    if (error instanceof Untranslatable) return { problem: error.message };
    if (!(error instanceof TypeError)) throw error;
    // "Unexpected ( at index 10: /users/:id(\d+); visit https://git.new/pathToRegexpError…"
    return { problem: `is not a path path-to-regexp v8 reads (${error.message.split(/[:;]/)[0]})` };
  }
}

/** Every way the optional groups can be taken or left (at most 64), as marked-up strings. */
function variants(tokens: readonly Token[]): string[] {
  let paths = [''];
  for (const token of tokens) {
    const pieces =
      token.type === 'group'
        ? ['', ...variants(token.tokens)]
        : token.type === 'text'
          ? [token.value]
          : token.type === 'wildcard'
            ? [WILDCARD]
            : [`\uE000${/^[A-Za-z_]\w*$/.test(token.name) ? token.name : 'param'}\uE001`];
    paths = paths.flatMap((path) => pieces.map((piece) => path + piece));
    if (paths.length > 64) throw new Untranslatable('has more than 64 optional group variants');
  }
  return paths;
}

function toCorePath(variant: string): string {
  // Nest's paths start with "/"; it drops a trailing one.
  const segments = variant.split('/').slice(1);
  if (segments.at(-1) === '') segments.pop();
  const core = segments.map((segment, i) => {
    if (!/[\uE000-\uE002]/.test(segment)) return segment;
    if (/^\uE000\w+\uE001$/.test(segment)) return segment.replace(PARAM, ':$1');
    if (segment === WILDCARD && i === segments.length - 1) return '*';
    const written = segment.replace(PARAM, ':$1').replaceAll(WILDCARD, '*');
    throw new Untranslatable(
      segment === WILDCARD
        ? 'has a wildcard before its end; per-path policies only take one at the end ("/files/*path")'
        : `has a parameter or wildcard sharing its segment with text ("${written}"); per-path policies match a parameter as a whole segment: give it a segment of its own`,
    );
  });
  return `/${core.join('/')}`;
}
