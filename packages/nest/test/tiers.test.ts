import {
  ADMIN,
  APP,
  corsHeadersOf,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cors, CorsModule } from '../src/index.ts';
import { platforms } from './support/platforms.ts';
import type { Served } from './support/requests.ts';
import { serve } from './support/requests.ts';

/** A global tiered policy, and a controller whose @Cors() narrows the origins. */
@Cors({ origins: [ADMIN] })
@Controller('admin')
class AdminController {
  @Get('report')
  report(): string {
    return 'report';
  }

  @Put('report')
  replace(): string {
    return 'replaced';
  }
}

@Controller('public')
class PublicController {
  @Get('news')
  news(): string {
    return 'news';
  }
}

@Module({
  imports: [CorsModule.forRoot({ origins: '*', credentials: [APP], methods: ['PUT'] })],
  controllers: [AdminController, PublicController],
})
class TieredModule {}

describe.each(platforms)('a global credentials list under @Cors() on $name', (platform) => {
  let app: Served;
  beforeAll(async () => {
    app = await serve(platform, TieredModule);
  });
  afterAll(() => app.close());

  it("gives an inherited credentialed origin nothing on a controller that doesn't allow it", async () => {
    const read = await app.send(fromOrigin(APP, 'GET', '/admin/report'));
    expect(read.body).toBe('report');
    expect(corsHeadersOf(read)).toEqual({ vary: ['Origin'] });
    const asked = await app.send(preflight(APP, 'PUT', '/admin/report'));
    expect(asked.status).toBe(403);
    expect(corsHeadersOf(asked)).toEqual({ vary: PREFLIGHT_VARY });
  });

  it("answers the controller's own origin anonymously, and keeps the tiers elsewhere", async () => {
    const admin = await app.send(fromOrigin(ADMIN, 'GET', '/admin/report'));
    expect(corsHeadersOf(admin)).toEqual({
      'access-control-allow-origin': [ADMIN],
      vary: ['Origin'],
    });
    const news = await app.send(fromOrigin(APP, 'GET', '/public/news'));
    expect(corsHeadersOf(news)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      vary: ['Origin'],
    });
  });
});
