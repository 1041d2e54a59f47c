import common from '@nestjs/common/package.json' with { type: 'json' };
import { HttpAdapterHost } from '@nestjs/core';
import core from '@nestjs/core/package.json' with { type: 'json' };
import platformExpress from '@nestjs/platform-express/package.json' with { type: 'json' };
import platformFastify from '@nestjs/platform-fastify/package.json' with { type: 'json' };
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';

/**
 * The same test files run on Nest 12 (`vitest run` here) and on Nest 11 (`vitest run` in
 * test-nest11/, which resolves every `@nestjs/*` import to Nest 11). This checks that a run loads
 * the major it says it tests, for every Nest package the tests and `src` import.
 */
const major = process.env['CORSICA_NEST_MAJOR'] ?? '12';

describe(`this run loads Nest ${major}`, () => {
  it.each([
    ['@nestjs/common', common.version],
    ['@nestjs/core', core.version],
    ['@nestjs/platform-express', platformExpress.version],
    ['@nestjs/platform-fastify', platformFastify.version],
  ])('%s %s', (_name, version) => {
    expect(version.split('.')[0]).toBe(major);
  });

  it('@nestjs/testing (which has no package.json export) builds on that same @nestjs/core', async () => {
    const moduleRef = await Test.createTestingModule({}).compile();
    expect(moduleRef.get(HttpAdapterHost)).toBeInstanceOf(HttpAdapterHost);
  });
});
