import { describe, expect, it } from 'vitest';
import { shapeOf, toCorePaths } from '../src/nest-path.ts';

describe('Nest route paths become per-path policy paths', () => {
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
    ['/files/*', ['/files/*']],
    ['/*path', ['/*']],
    ['/time\\:now', ['/time:now']],
  ])('%s → %j', (nestPath, paths) => {
    expect(toCorePaths(nestPath)).toEqual({ paths });
  });

  it.each([
    ['/files/:name.pdf', 'has a parameter or wildcard sharing its segment with text (":name.pdf")'],
    ['/files/*path/edit', 'has a wildcard before its end'],
    ['/users/:id(\\d+)', 'uses "(", which path-to-regexp v8 reserves'],
    ['/users/:id?', 'uses "?", which path-to-regexp v8 reserves'],
    ['/users/:', 'has a ":" with no parameter name'],
    ['/users{/:id', 'has a "{" that is never closed'],
    ['/users}', 'has a "}" that closes no group'],
    ['/a{/b}{/c}{/d}{/e}{/f}{/g}{/h}', 'has more than 64 combinations of optional groups'],
  ])('%s cannot be expressed: it %s…', (nestPath, problem) => {
    const translation = toCorePaths(nestPath);
    expect('problem' in translation && translation.problem.startsWith(problem)).toBe(true);
  });

  it('compares paths by shape, whatever their parameters are called', () => {
    expect(shapeOf('/users/:id/posts/:postId')).toBe(shapeOf('/users/:userId/posts/:id'));
    expect(shapeOf('/users/:id')).not.toBe(shapeOf('/users/me'));
  });
});
