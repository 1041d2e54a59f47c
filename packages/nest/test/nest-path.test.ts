import { describe, expect, it, vi } from 'vitest';
import { toCorePaths } from '../src/nest-path.ts';

describe('Nest route paths, read by path-to-regexp, become per-path policy paths', () => {
  it.each([
    ['/', ['/']],
    ['/users', ['/users']],
    ['/users/:id', ['/users/:id']],
    ['/users/:id/posts/:postId', ['/users/:id/posts/:postId']],
    ['/a/:"quoted-name"', ['/a/:param']],
    ['/a/:$dollar', ['/a/:param']],
    ['/users{/:id}', ['/users', '/users/:id']],
    ['/users{/:id{/edit}}', ['/users', '/users/:id', '/users/:id/edit']],
    ['/docs{/}', ['/docs']],
    // Only the trailing slash goes: the segments before it stay as they are.
    ['/users/:id{/}', ['/users/:id']],
    ['/files/*path', ['/files/*']],
    ['/files{/*path}', ['/files', '/files/*']],
    ['/*path', ['/*']],
    ['/time\\:now', ['/time:now']],
    // The unnamed wildcards Nest rewrites to `{*path}` (fastify's router takes `*` as it is).
    ['/files/*', ['/files/*']],
    ['/*', ['/*']],
    ['/files/(.*)', ['/files/*']],
  ])('%s → %j', (nestPath, paths) => {
    expect(toCorePaths(nestPath)).toEqual({ paths });
  });

  it.each([
    ['/files/:name.pdf', 'has a parameter or wildcard sharing its segment with text (":name.pdf")'],
    ['/files/:a-:b', 'has a parameter or wildcard sharing its segment with text (":a-:b")'],
    ['/files/*path/edit', 'has a wildcard before its end'],
    // An unnamed `*` anywhere is Nest's `{*path}`: here, still a wildcard before the end.
    ['/*/edit', 'has a wildcard before its end'],
    ['/files/*path.pdf', 'has a parameter or wildcard sharing its segment with text ("*.pdf")'],
    // Nest's legacy `(.*)` is a wildcard only at the end of a path; elsewhere it is a regexp group.
    ['/files/(.*)/edit', 'is not a path path-to-regexp v8 reads (Unexpected ( at index 7)'],
    ['/users/:id(\\d+)', 'is not a path path-to-regexp v8 reads (Unexpected ( at index 10)'],
    ['/users/:id?', 'is not a path path-to-regexp v8 reads (Unexpected ? at index 10)'],
    ['/users/:', 'is not a path path-to-regexp v8 reads (Missing parameter name at index 8)'],
    ['/users{/:id', 'is not a path path-to-regexp v8 reads (Unexpected end at index 11'],
    ['/users}', 'is not a path path-to-regexp v8 reads (Unexpected } at index 6)'],
    ['/a{/b}{/c}{/d}{/e}{/f}{/g}{/h}', 'has more than 64 optional group variants'],
  ])('%s cannot be expressed: it %s…', (nestPath, problem) => {
    const translation = toCorePaths(nestPath);
    expect('problem' in translation && translation.problem).toMatch(
      new RegExp(`^${problem.replace(/[(){}?*.\\]/g, '\\$&')}`),
    );
  });

  it('takes up to 64 optional group variants', () => {
    const translation = toCorePaths('/a{/b}{/c}{/d}{/e}{/f}{/g}');
    expect('paths' in translation && translation.paths).toHaveLength(64);
    expect('paths' in translation && translation.paths.slice(0, 3)).toEqual(['/a', '/a/g', '/a/f']);
  });

  it("lets an error other than path-to-regexp's TypeError through: a bug, not a path problem", async () => {
    const bug = new RangeError('Maximum call stack size exceeded');
    vi.resetModules();
    vi.doMock('path-to-regexp', () => ({
      parse: () => {
        throw bug;
      },
    }));
    try {
      const { toCorePaths: translate } = await import('../src/nest-path.ts');
      expect(() => translate('/users')).toThrow(bug);
    } finally {
      vi.doUnmock('path-to-regexp');
      vi.resetModules();
    }
  });
});
