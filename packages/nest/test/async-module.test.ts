import {
  APP,
  corsHeadersOf,
  fromOrigin,
  PARTNER,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import { Controller, Get, Injectable, Module, Put } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorsOptions } from '../src/index.ts';
import { Cors, CorsConfigError, CorsModule } from '../src/index.ts';
import { express, platforms } from './support/platforms.ts';
import type { Served } from './support/requests.ts';
import { serve } from './support/requests.ts';

/** Stands for @nestjs/config's ConfigService: settings read when the app starts. */
@Injectable()
class SettingsService {
  readonly #values: Record<string, string> = { CORS_ORIGINS: `${APP} ${PARTNER}` };
  get(name: string): string | undefined {
    return this.#values[name];
  }
}

@Module({ providers: [SettingsService], exports: [SettingsService] })
class SettingsModule {}

@Controller('projects')
class ProjectsController {
  @Get()
  list(): string {
    return 'projects';
  }

  @Cors({ origins: [PARTNER] })
  @Put(':id')
  update(): string {
    return 'updated';
  }
}

function fromSettings(options: Partial<CorsOptions> = {}) {
  return CorsModule.forRootAsync({
    imports: [SettingsModule],
    inject: [SettingsService],
    useFactory: async (settings: SettingsService) => ({
      origins: settings.get('CORS_ORIGINS')?.split(' ') ?? [],
      credentials: true,
      methods: ['PUT'],
      ...options,
    }),
  });
}

@Module({ imports: [fromSettings()], controllers: [ProjectsController] })
class AppModule {}

describe.each(platforms)('CorsModule.forRootAsync on $name', (platform) => {
  let app: Served;
  beforeAll(async () => {
    app = await serve(platform, AppModule);
  });
  afterAll(() => app.close());

  it('applies the policy its factory built from an injected provider', async () => {
    const response = await app.send(fromOrigin(APP, 'GET', '/projects'));
    expect(response.status).toBe(200);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });

  it('combines it with @Cors() on handlers', async () => {
    const allowed = await app.send(preflight(PARTNER, 'PUT', '/projects/1'));
    expect(allowed.status).toBe(204);
    expect(corsHeadersOf(allowed)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    const denied = await app.send(preflight(APP, 'PUT', '/projects/1'));
    expect(denied.status).toBe(403);
    expect(corsHeadersOf(denied)).toEqual({ vary: PREFLIGHT_VARY });
  });
});

describe('a factory building an invalid policy', () => {
  it('fails app.init() with a CorsConfigError', async () => {
    @Module({ imports: [fromSettings({ origins: '*' })], controllers: [ProjectsController] })
    class InvalidModule {}
    const error = await express.start(InvalidModule).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems.map((problem) => problem.code)).toEqual([
      'origin-wildcard-with-credentials',
    ]);
  });
});
