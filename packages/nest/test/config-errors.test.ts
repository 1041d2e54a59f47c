import { APP, corsHeadersOf, fromOrigin } from '@corsica/cors-testkit';
import type { Type } from '@nestjs/common';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { Cors, CorsConfigError, CorsModule, createCors } from '../src/index.ts';
import { platforms } from './support/platforms.ts';
import { serve } from './support/requests.ts';

@Controller('status')
class StatusController {
  @Get()
  status(): string {
    return 'up';
  }
}

@Controller('admin')
class AdminController {
  @Cors({ origins: ['https://admin.example.com/'] })
  @Get()
  dashboard(): string {
    return 'dashboard';
  }
}

function appWith(cors: ReturnType<typeof CorsModule.forRoot>, ...controllers: Type[]): Type {
  @Module({ imports: [cors], controllers })
  class AppModule {}
  return AppModule;
}

describe.each(platforms)('configuration errors on $name', (platform) => {
  /** What app.init() threw, or 'started'. */
  const bootstrap = (root: Type): Promise<unknown> =>
    platform.start(root).then(
      (server) => server.close().then(() => 'started'),
      (error: unknown) => error,
    );

  it('an invalid global policy fails app.init() with a CorsConfigError', async () => {
    const error = await bootstrap(
      appWith(CorsModule.forRoot({ origins: [`${APP}/`] }), StatusController),
    );
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems).toMatchObject([
      { code: 'origin-trailing-slash', option: 'origins[0]', value: `${APP}/` },
    ]);
  });

  it("an invalid @Cors() is reported under the handler's name", async () => {
    const error = await bootstrap(appWith(CorsModule.forRoot({ origins: [APP] }), AdminController));
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems).toMatchObject([
      {
        code: 'origin-trailing-slash',
        option: '@Cors() on AdminController.dashboard.origins[0]',
        value: 'https://admin.example.com/',
      },
    ]);
  });

  it('an invalid @Cors() shared by handlers is reported once per path, naming them all', async () => {
    @Cors({ origins: ['https://admin.example.com/'] })
    @Controller('reports')
    class ReportsController {
      @Get()
      list(): string {
        return 'reports';
      }

      @Put()
      replace(): string {
        return 'replaced';
      }

      @Get('archive')
      archive(): string {
        return 'archive';
      }
    }
    const error = await bootstrap(
      appWith(CorsModule.forRoot({ origins: [APP] }), ReportsController),
    );
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems.map(({ code, option }) => [code, option])).toEqual([
      [
        'origin-trailing-slash',
        '@Cors() on ReportsController.list, ReportsController.replace.origins[0]',
      ],
      ['origin-trailing-slash', '@Cors() on ReportsController.archive.origins[0]'],
    ]);
  });

  it('a compiled policy works where no handler has a @Cors()', async () => {
    const app = await serve(
      platform,
      appWith(CorsModule.forRoot(createCors({ origins: [APP] })), StatusController),
    );
    try {
      const response = await app.send(fromOrigin(APP, 'GET', '/status'));
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        vary: ['Origin'],
      });
    } finally {
      await app.close();
    }
  });

  it('importing CorsModule twice fails app.init()', async () => {
    @Module({ imports: [CorsModule.forRoot({ origins: '*' })] })
    class FeatureModule {}
    @Module({ imports: [CorsModule.forRoot({ origins: [APP] }), FeatureModule] })
    class AppModule {}
    const error = await bootstrap(AppModule);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'CorsModule is imported more than once in this app; import CorsModule.forRoot() once, in the root module, and use @Cors() for the rest.',
    );
  });
});
