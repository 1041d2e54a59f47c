import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOCS = dirname(fileURLToPath(import.meta.url));
const SPEC_MAP = readFileSync(resolve(DOCS, 'spec-map.md'), 'utf8');
const CORE_README = readFileSync(resolve(DOCS, '../packages/core/README.md'), 'utf8');

/** A link to code: `[preflight.ts: checkPreflight](../packages/core/src/protocol/preflight.ts)`. */
interface CodeLink {
  readonly text: string;
  readonly file: string;
  readonly name: string;
  readonly target: string;
}

const CODE_LINK = /\[([\w.-]+\.ts): ([\w$#.]+)\]\(([^)\s]+)\)/g;

function codeLinks(markdown: string): CodeLink[] {
  return [...markdown.matchAll(CODE_LINK)].map(([text, file, name, target]) => ({
    text: text as string,
    file: file as string,
    name: name as string,
    target: target as string,
  }));
}

const escapedName = (name: string): string => name.replace(/[$]/g, '\\$');

/** Whether `source` declares `name` at the top level (function, const, class, type…). */
function declaresTopLevel(source: string, name: string): boolean {
  return new RegExp(
    `^(?:export\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:function\\*?|const|let|class|interface|type|enum)\\s+${escapedName(name)}\\b`,
    'm',
  ).test(source);
}

/** The body of `class Name { … }`: from its declaration to the first line that closes it. */
function classBody(source: string, name: string): string | undefined {
  const start = new RegExp(
    `^(?:export\\s+)?(?:abstract\\s+)?class\\s+${escapedName(name)}\\b[^\\n]*\\{\\s*$`,
    'm',
  ).exec(source);
  if (start === null) return undefined;
  const rest = source.slice(start.index + start[0].length);
  const end = /^\}/m.exec(rest);
  return end === null ? rest : rest.slice(0, end.index);
}

/** Whether class `owner` declares the method or property `member` (`#private` included). */
function declaresMember(source: string, owner: string, member: string): boolean {
  const body = classBody(source, owner);
  if (body === undefined) return false;
  return new RegExp(
    `^\\s+(?:(?:static|readonly|async|get|set|public|private|protected|override)\\s+)*${escapedName(member)}\\s*[(<:=?!]`,
    'm',
  ).test(body);
}

/** What is wrong with one link, or nothing. */
function problemOf(link: CodeLink): string | undefined {
  const path = resolve(DOCS, link.target);
  if (!existsSync(path)) return `${link.text}: ${link.target} does not exist`;
  if (basename(path) !== link.file) {
    return `${link.text}: the text names ${link.file}, the link goes to ${basename(path)}`;
  }
  const source = readFileSync(path, 'utf8');
  const [owner, member, extra] = link.name.split('.');
  if (extra !== undefined) return `${link.text}: write Name or Class.member`;
  const declared =
    member === undefined
      ? declaresTopLevel(source, owner as string)
      : declaresMember(source, owner as string, member);
  return declared ? undefined : `${link.text}: ${link.target} declares no ${link.name}`;
}

/** The bold phrase that leads each bullet of the core README's "Choices" section. */
function choicesRules(readme: string): string[] {
  const start = readme.indexOf('## Choices where the standard leaves one');
  if (start === -1) return [];
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next === -1 ? undefined : next);
  return [...section.matchAll(/^- \*\*(.+?)\*\*/gm)].map((match) => match[1] as string);
}

describe('docs/spec-map.md', () => {
  const links = codeLinks(SPEC_MAP);

  it('links to code', () => {
    expect(links.length).toBeGreaterThan(50);
  });

  it('names, in every link, a file that exists and declares the function, class, constant or member', () => {
    expect(links.map(problemOf).filter((problem) => problem !== undefined)).toStrictEqual([]);
  });

  it('gives every table row a standard anchor and a link to code', () => {
    const rows = SPEC_MAP.split('\n').filter(
      (line) =>
        line.startsWith('| ') &&
        !line.startsWith('| Fetch |') &&
        !line.startsWith('| rule |') &&
        !line.startsWith('| PNA |'),
    );
    const bare = rows.filter(
      (row) =>
        codeLinks(row).length === 0 ||
        (!row.includes('](https://fetch.spec.whatwg.org/#') &&
          !row.includes('](https://wicg.github.io/private-network-access/#') &&
          !row.includes('../packages/core/src/routes/') &&
          !row.includes('routingMethodOf')),
    );
    expect(bare).toStrictEqual([]);
  });

  it('maps every rule of the core README\'s "Choices where the standard leaves one"', () => {
    const rules = choicesRules(CORE_README);
    expect(rules.length).toBeGreaterThan(5);
    expect(rules.filter((rule) => !SPEC_MAP.includes(`**${rule}**`))).toStrictEqual([]);
  });
});

describe('the link checks themselves', () => {
  const source = [
    'export function checkPreflight() {}',
    'const LIMIT = 3;',
    'export class Policy {',
    '  readonly #memo = 1;',
    '  decide(request: unknown): void {}',
    '  #preflight(): void {}',
    '}',
    'function outside() {}',
  ].join('\n');

  it.each([
    ['checkPreflight', true],
    ['LIMIT', true],
    ['Policy', true],
    ['checkPreflightMethod', false],
    ['decide', false],
  ])('top level %s: %s', (name, expected) => {
    expect(declaresTopLevel(source, name)).toBe(expected);
  });

  it.each([
    ['Policy', 'decide', true],
    ['Policy', '#preflight', true],
    ['Policy', '#memo', true],
    ['Policy', 'outside', false],
    ['Policy', 'preflight', false],
    ['Other', 'decide', false],
  ])('member %s.%s: %s', (owner, member, expected) => {
    expect(declaresMember(source, owner, member)).toBe(expected);
  });

  it('reports a missing file, a misnamed file and a missing declaration', () => {
    const link = (text: string): CodeLink => codeLinks(text)[0] as CodeLink;
    expect(problemOf(link('[nope.ts: x](../packages/core/src/nope.ts)'))).toMatch(/does not exist/);
    expect(
      problemOf(link('[vary.ts: appendVary](../packages/core/src/protocol/classify.ts)')),
    ).toMatch(/the link goes to classify\.ts/);
    expect(
      problemOf(link('[vary.ts: prependVary](../packages/core/src/protocol/vary.ts)')),
    ).toMatch(/declares no prependVary/);
  });
});
