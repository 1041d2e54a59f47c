import { describe, expect, it } from 'vitest';
import { developmentLog } from './development-log.ts';

describe('developmentLog', () => {
  it.each([
    ['development', false],
    ['test', false],
    [undefined, false],
    ['production', true],
  ])('NODE_ENV %s: production is %s, given as a value or read by a function', (env, production) => {
    expect(developmentLog(() => {}, env).production).toBe(production);
    expect(
      developmentLog(
        () => {},
        () => env,
      ).production,
    ).toBe(production);
  });

  it('counts as production where NODE_ENV cannot be read (the read throws)', () => {
    const denied = (): string => {
      throw new Error('Requires env access to "NODE_ENV"');
    };
    expect(developmentLog(() => {}, denied).production).toBe(true);
  });

  it('reads NODE_ENV once, when built', () => {
    let reads = 0;
    const log = developmentLog(
      () => {},
      () => {
        reads += 1;
        return 'production';
      },
    );
    expect([log.production, log.production, reads]).toStrictEqual([true, true, 1]);
  });

  it("writes each line, with the framework's request, to the writer it was given", () => {
    const lines: [string, string | undefined][] = [];
    const log = developmentLog<string>(
      (line, request) => lines.push([line, request]),
      () => undefined,
    );
    log.write('origin denied', 'GET /items');
    log.write('origin denied again', undefined);
    expect(lines).toStrictEqual([
      ['origin denied', 'GET /items'],
      ['origin denied again', undefined],
    ]);
  });
});
