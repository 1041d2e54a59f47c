import { describe, expect, it } from 'vitest';
import { CorsConfigError, createCors } from '../index.ts';
import { listLiteral, quote } from './quote.ts';

/** How a value the user wrote is shown inside a message: recognizably, and safe to log. */
describe('quote', () => {
  it.each<[string, unknown, string]>([
    ['a string, in double quotes', 'https://a.com', '"https://a.com"'],
    ['a string with double quotes, escaped', 'say "hi"', '"say \\"hi\\""'],
    ['a string with a line break, escaped', 'a\r\nb', '"a\\r\\nb"'],
    ['a regular expression, as written', /^(app|admin)$/i, '/^(app|admin)$/i'],
    [
      'a regular expression, its backslashes doubled as in any logged value',
      /a\.com/,
      '/a\\\\.com/',
    ],
    ['a function, by what it is', () => 'https://a.com', 'a function'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a number', 1.5, '1.5'],
    ['a boolean', false, 'false'],
    ['a list, as JSON', ['a', 1], '["a",1]'],
    ['an object, as JSON', { successStatus: 200 }, '{"successStatus":200}'],
    ['an object with a line break in a string, escaped', { a: 'x\ny' }, '{"a":"x\\\\ny"}'],
    ['a symbol, which JSON cannot show', Symbol('id'), 'Symbol(id)'],
    ['a bigint, which JSON refuses', 10n, '10'],
  ])('%s', (_, value, shown) => {
    expect(quote(value)).toBe(shown);
  });

  it('shows an object JSON cannot serialize as String does', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(quote(circular)).toBe('[object Object]');
  });

  it('cuts a long value, saying by how much', () => {
    expect(quote('a'.repeat(300))).toBe(`"${'a'.repeat(256)}…(+44)"`);
  });
});

describe('listLiteral', () => {
  it('writes a list as code, in single quotes', () => {
    expect(listLiteral(['https://a.com', 'https://b.com'])).toBe(
      "['https://a.com', 'https://b.com']",
    );
  });

  it('escapes single quotes and control characters', () => {
    expect(listLiteral(["it's", 'a\nb'])).toBe("['it\\'s', 'a\\nb']");
  });

  it('writes an empty list', () => {
    expect(listLiteral([])).toBe('[]');
  });
});

describe('values as createCors messages show them', () => {
  const messageOf = (options: unknown): string | undefined => {
    try {
      createCors(options as never);
    } catch (error) {
      if (error instanceof CorsConfigError) return error.problems[0]?.message;
      throw error;
    }
    return undefined;
  };

  it.each<[string, unknown, string]>([
    ['undefined', [undefined], 'each origin must be a string, not undefined.'],
    ['a function', [() => true], 'each origin must be a string, not a function.'],
    ['a symbol', [Symbol('app')], 'each origin must be a string, not Symbol(app).'],
    ['an object', [{ origin: 'x' }], 'each origin must be a string, not {"origin":"x"}.'],
  ])('an origin entry that is %s', (_, origins, message) => {
    expect(messageOf({ origins })).toBe(message);
  });

  it('a header name with a line break cannot forge a second line', () => {
    expect(messageOf({ origins: ['https://a.com'], allowedHeaders: ['X-A\r\nX-Forged: 1'] })).toBe(
      '"X-A\\r\\nX-Forged: 1" is not a header name (an RFC 9110 token such as "X-Request-Id").',
    );
  });
});
