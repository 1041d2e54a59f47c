import { parseConfiguredOrigin } from './origins.ts';

/**
 * Turns the regular expressions people write for origins into the Corsica patterns that say the
 * same thing, for the message that refuses the expression. Best effort: anything unrecognized
 * yields no suggestion, never a wrong one (every suggestion is re-parsed as a policy entry).
 */

const SUBDOMAINS = '\u0001';
const OPTIONAL_SUBDOMAINS = '\u0002';
const ANY_PORT = '\u0003';
const BOTH_SCHEMES = '\u0004';

const LABEL_CLASSES = [
  '[a-z0-9-]+',
  '[a-zA-Z0-9-]+',
  '[\\w-]+',
  '[-\\w]+',
  '\\w+',
  '[^.]+',
  '[^\\.]+',
  '.+',
  '.*',
];

const REPLACEMENTS: readonly (readonly [string, string])[] = [
  ...LABEL_CLASSES.flatMap((label): [string, string][] => [
    [`(?:${label}\\.)+`, SUBDOMAINS],
    [`(${label}\\.)+`, SUBDOMAINS],
    [`(?:${label}\\.)*`, OPTIONAL_SUBDOMAINS],
    [`(${label}\\.)*`, OPTIONAL_SUBDOMAINS],
    [`(?:${label}\\.)?`, OPTIONAL_SUBDOMAINS],
    [`(${label}\\.)?`, OPTIONAL_SUBDOMAINS],
    [`${label}\\.`, SUBDOMAINS],
  ]),
  ...['\\d+', '[0-9]+', '\\d{1,5}', '[0-9]{1,5}', '\\d*', '[0-9]*'].flatMap(
    (digits): [string, string][] => [
      [`(?::${digits})?`, ANY_PORT],
      [`(:${digits})?`, ANY_PORT],
      [`:${digits}`, ANY_PORT],
    ],
  ),
  ['(?:http|https)', BOTH_SCHEMES],
  ['(http|https)', BOTH_SCHEMES],
  ['(?:https?)', BOTH_SCHEMES],
  ['(https?)', BOTH_SCHEMES],
  ['https?', BOTH_SCHEMES],
];

/** The patterns equivalent to `expression`, or `[]` when it is not a recognizable origin regex. */
export function suggestPatternsForRegExp(expression: RegExp): string[] {
  let source = expression.source;
  const anchored = source.startsWith('^');
  if (anchored) source = source.slice(1);
  if (source.endsWith('$') && !source.endsWith('\\$')) source = source.slice(0, -1);
  for (const [from, to] of REPLACEMENTS) source = source.split(from).join(to);
  source = source.split('\\/').join('/').split('\\.').join('.').split('\\-').join('-');
  if (/[\\[\](){}*+?|^$]/.test(source)) return [];
  if (!source.includes('://')) {
    // `/example\.com$/` matches any host ending in it: the apex and its subdomains were meant.
    source = `https://${anchored || source.startsWith(SUBDOMAINS) || source.startsWith(OPTIONAL_SUBDOMAINS) ? '' : OPTIONAL_SUBDOMAINS}${source}`;
  }

  let candidates = [source];
  const expand = (marker: string, options: readonly string[]): void => {
    candidates = candidates.flatMap((c) =>
      c.includes(marker) ? options.map((o) => c.split(marker).join(o)) : [c],
    );
  };
  expand(BOTH_SCHEMES, ['http', 'https']);
  expand(OPTIONAL_SUBDOMAINS, ['', '*.']);
  expand(SUBDOMAINS, ['*.']);
  expand(ANY_PORT, [':*']);

  const patterns: string[] = [];
  for (const candidate of candidates) {
    const parsed = parseConfiguredOrigin(candidate, { nullOrigin: false, fileOrigins: false });
    if (parsed.kind === 'problem') return [];
    patterns.push(parsed.kind === 'exact' ? parsed.origin : parsed.source);
  }
  return [...new Set(patterns)];
}
