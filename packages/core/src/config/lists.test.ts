import { describe, expect, it } from 'vitest';
import type { ListRules } from './lists.ts';
import { checkList } from './lists.ts';
import { Problems } from './problems.ts';

/**
 * The validator every list option shares (`lists.ts`), with rules for a list of lowercase words:
 * what each kind of value becomes, and what is reported for it.
 */

const words: ListRules<string> = {
  star: true,
  typeMessage: (value) => `words must be a list, not ${String(value)}.`,
  fromString: (word) => word.toLowerCase(),
  element: (item) =>
    typeof item === 'string' && /^[a-z]+$/.test(item) ? { value: item, key: item } : undefined,
  wildcardInList: 'accept',
  duplicate: () => ({ code: 'method-duplicate', message: 'listed twice' }),
};

function check(value: unknown, rules: ListRules<string> = words) {
  const problems = new Problems('');
  const list = checkList(value, 'words', rules, problems);
  return { list, problems: problems.list.map((p) => [p.code, p.option, p.message]) };
}

describe('checkList', () => {
  it('tells a list left out from an invalid one', () => {
    expect(check(undefined)).toStrictEqual({ list: { kind: 'absent' }, problems: [] });
    expect(check(42)).toStrictEqual({
      list: { kind: 'invalid' },
      problems: [['option-type', 'words', 'words must be a list, not 42.']],
    });
  });

  it("takes '*' alone where the rules allow it, and as a string otherwise", () => {
    expect(check('*')).toStrictEqual({ list: { kind: 'any' }, problems: [] });
    expect(check('*', { ...words, star: false })).toStrictEqual({
      list: { kind: 'invalid' },
      problems: [
        [
          'option-type',
          'words',
          "words is a list, not a comma-separated string; write words: ['*'].",
        ],
      ],
    });
  });

  it('refuses a comma-separated string, with the list to write instead', () => {
    expect(check('A, ,b,')).toStrictEqual({
      list: { kind: 'invalid' },
      problems: [
        [
          'option-type',
          'words',
          "words is a list, not a comma-separated string; write words: ['a', 'b'].",
        ],
      ],
    });
  });

  it('keeps the valid elements with where each was written, and notes an accepted wildcard', () => {
    expect(check(['a', '*', 'B', 'c', 'a'])).toStrictEqual({
      list: { kind: 'list', values: ['a', 'c'], at: ['words[0]', 'words[3]'], wildcard: true },
      problems: [['method-duplicate', 'words[4]', 'listed twice']],
    });
  });
});
