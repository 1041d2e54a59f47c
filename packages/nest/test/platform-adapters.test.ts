import { APP, corsHeadersOf, fromOrigin } from '@corsica/cors-testkit';
import { Controller, Get, Module } from '@nestjs/common';
import { describe, expect, it, vi } from 'vitest';
import { CorsModule } from '../src/index.ts';
import { platformAdapters } from '../src/platform-layer.ts';
import { platforms } from './support/platforms.ts';
import { serve } from './support/requests.ts';

@Controller('items')
class ItemsController {
  @Get()
  list(): string {
    return 'items';
  }
}

@Module({ imports: [CorsModule.forRoot({ origins: [APP] })], controllers: [ItemsController] })
class AppModule {}

/** What Node throws for an import of a package that is not installed (ESM, then CommonJS). */
function notInstalled(name: string, code = 'ERR_MODULE_NOT_FOUND'): Error {
  const error = new Error(`Cannot find package '${name}' imported from /app/dist/index.mjs`);
  return Object.assign(error, { code });
}

describe.each(platforms)('the Corsica adapter of $name', (platform) => {
  const own = platform.name;
  const other = own === 'express' ? 'fastify' : 'express';
  const name = `@corsica/cors-${own}`;
  const message = `@corsica/cors-nest answers CORS on @nestjs/platform-${own} with ${name}, which is not installed: npm install ${name}`;

  it('is the only one imported', async () => {
    const mine = vi.spyOn(platformAdapters, own);
    const theirs = vi.spyOn(platformAdapters, other);
    const app = await serve(platform, AppModule);
    try {
      const response = await app.send(fromOrigin(APP, 'GET', '/items'));
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        vary: ['Origin'],
      });
    } finally {
      await app.close();
    }
    expect(mine).toHaveBeenCalledOnce();
    expect(theirs).not.toHaveBeenCalled();
  });

  it.each(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'])(
    'missing (%s), fails app.init() saying what to install',
    async (code) => {
      const cause = notInstalled(name, code);
      vi.spyOn(platformAdapters, own).mockRejectedValue(cause);
      const error = await platform.start(AppModule).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(message);
      expect((error as Error).cause).toBe(cause);
    },
  );

  it('missing in a real import, fails app.init() saying what to install', async () => {
    const missing = `${name}-not-installed`;
    vi.spyOn(platformAdapters, own).mockImplementation(() => import(/* @vite-ignore */ missing));
    const error = await platform.start(AppModule).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(message);
    expect(String((error as Error).cause)).toContain(missing);
  });

  it('failing to load for another reason, fails app.init() with that error', async () => {
    const broken = new SyntaxError('Unexpected token');
    const missingDependency = notInstalled('fastify-plugin');
    for (const cause of [broken, missingDependency]) {
      vi.spyOn(platformAdapters, own).mockRejectedValue(cause);
      expect(await platform.start(AppModule).catch((caught: unknown) => caught)).toBe(cause);
    }
  });
});
