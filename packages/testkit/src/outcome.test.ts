import { describe, expect, it } from 'vitest';
import type { ObservedResponse } from './outcome.ts';
import { checkOutcome } from './outcome.ts';
import { expandValue, vectors } from './vectors.ts';

function response(
  headers: Readonly<Record<string, string | readonly string[]>>,
  status = 200,
  passThrough = true,
): ObservedResponse {
  const lines: Record<string, readonly string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    lines[name] = typeof value === 'string' ? [value] : value;
  }
  return { status, passThrough, headers: lines };
}

describe('outcome matchers, as the vectors README defines them', () => {
  it.each([
    [
      'exact text',
      { 'Access-Control-Allow-Origin': 'https://a.example' },
      { 'access-control-allow-origin': ' https://a.example\t' },
      true,
    ],
    [
      'exact text, other value',
      { 'Access-Control-Allow-Origin': 'https://a.example' },
      { 'access-control-allow-origin': 'https://b.example' },
      false,
    ],
    ['absent', { 'Access-Control-Allow-Credentials': null }, {}, true],
    [
      'absent, but present',
      { 'Access-Control-Allow-Credentials': null },
      { 'access-control-allow-credentials': 'true' },
      false,
    ],
    ['oneOf with null', { 'Access-Control-Allow-Origin': { oneOf: [null, '*'] } }, {}, true],
    [
      'not',
      { 'Access-Control-Allow-Origin': { not: ['*'] } },
      { 'access-control-allow-origin': '*' },
      false,
    ],
    ['present', { Vary: { present: true } }, {}, false],
    [
      'listCovers, case-insensitive names',
      { 'Access-Control-Allow-Headers': { listCovers: ['x-a'] } },
      { 'access-control-allow-headers': 'X-A, x-b' },
      true,
    ],
    [
      'listCovers, methods case-sensitive',
      { 'Access-Control-Allow-Methods': { listCovers: ['PATCH'] } },
      { 'access-control-allow-methods': 'patch' },
      false,
    ],
    [
      'listCovers, * counts only when allowed',
      { 'Access-Control-Allow-Methods': { listCovers: ['PUT'] } },
      { 'access-control-allow-methods': '*' },
      false,
    ],
    [
      'listCovers, * counts',
      { 'Access-Control-Allow-Methods': { listCovers: ['PUT'], wildcardCounts: true } },
      { 'access-control-allow-methods': '*' },
      true,
    ],
    ['listLacks, absent', { 'Access-Control-Allow-Headers': { listLacks: ['x-a'] } }, {}, true],
    [
      'listLacks, * when it counts',
      { 'Access-Control-Allow-Headers': { listLacks: ['x-a'], wildcardCounts: true } },
      { 'access-control-allow-headers': 'x-b,*' },
      false,
    ],
    [
      'field lines joined',
      { 'Access-Control-Allow-Headers': { listCovers: ['x-a', 'x-b'] } },
      { 'access-control-allow-headers': ['x-a', 'x-b'] },
      true,
    ],
  ] as const)('%s', (_name, headers, observed, holds) => {
    expect(checkOutcome({ headers }, response(observed)).length === 0).toBe(holds);
  });

  it('checks Vary tokens across field lines, and Vary: *', () => {
    expect(
      checkOutcome({ varyIncludes: ['Origin'] }, response({ vary: ['Accept', 'origin'] })),
    ).toStrictEqual([]);
    expect(checkOutcome({ varyIncludes: ['Origin'] }, response({ vary: '*' }))).toStrictEqual([]);
    expect(checkOutcome({ varyIncludes: ['Origin'] }, response({ vary: 'Accept' }))).toHaveLength(
      1,
    );
  });

  it('checks status, 2xx and pass-through', () => {
    expect(
      checkOutcome({ status: '2xx', passThrough: false }, response({}, 204, false)),
    ).toStrictEqual([]);
    expect(checkOutcome({ status: '2xx' }, response({}, 403))).toHaveLength(1);
    expect(checkOutcome({ passThrough: true }, response({}, 204, false))).toHaveLength(1);
  });

  it('treats a refused policy as its own outcome', () => {
    expect(checkOutcome({ configRejected: true }, 'configRejected')).toStrictEqual([]);
    expect(checkOutcome({ status: 204 }, 'configRejected')).toHaveLength(1);
    expect(checkOutcome({ configRejected: true }, response({}))).toHaveLength(1);
  });
});

describe('the shipped vectors', () => {
  it('are all 128, with unique ids', () => {
    expect(new Set(vectors.map((vector) => vector.id)).size).toBe(128);
  });

  it('expand $repeat values', () => {
    expect(expandValue({ $repeat: { unit: 'ab', count: 3, prefix: '<', suffix: '>' } })).toBe(
      '<ababab>',
    );
  });
});
