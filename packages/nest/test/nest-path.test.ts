import { describe, expect, it } from 'vitest';
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
    ['/users/:id(\\d+)', 'is not a path path-to-regexp v8 reads (Unexpected ( at index 10)'],
    ['/users/:id?', 'is not a path path-to-regexp v8 reads (Unexpected ? at index 10)'],
    ['/users/:', 'is not a path path-to-regexp v8 reads (Missing parameter name at index 8)'],
    ['/users{/:id', 'is not a path path-to-regexp v8 reads (Unexpected end at index 11'],
    ['/users}', 'is not a path path-to-regexp v8 reads (Unexpected } at index 6)'],
    ['/a{/b}{/c}{/d}{/e}{/f}{/g}{/h}', 'has more than 64 optional group variants'],
  ])('%s cannot be expressed: it %s…', (nestPath, problem) => {
    const translation = toCorePaths(nestPath);
    expect('problem' in translation && translation.problem).toMatch(
      new RegExp(`^${problem.replace(/[(){}?\\]/g, '\\$&')}`),
    );
  });
});
