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
import { Cors, CorsModule, createCors } from '../src/index.ts';
import { platforms } from './support/platforms.ts';
import type { Served } from './support/requests.ts';
import { serve } from './support/requests.ts';

const PARTNER = 'https://partner.example.org';

@Cors({ origins: [ADMIN], methods: ['PUT'] })
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

@Controller('status')
class StatusController {
  @Get()
  status(): string {
    return 'up';
  }
}

describe.each(platforms)('a compiled policy given to CorsModule.forRoot() on $name', (platform) => {
  const cors = createCors({ origins: [APP] });
  let app: Served;
  beforeAll(async () => {
    @Module({
      imports: [CorsModule.forRoot(cors)],
      controllers: [AdminController, StatusController],
    })
    class AppModule {}
    app = await serve(platform, AppModule);
  });
  afterAll(() => app.close());

  it('takes the per-path policies of @Cors(), labelled by handler', async () => {
    const asked = await app.send(preflight(ADMIN, 'PUT', '/admin/report'));
    expect(asked.status).toBe(204);
    expect(corsHeadersOf(asked)).toEqual({
      'access-control-allow-origin': [ADMIN],
      'access-control-allow-methods': ['PUT'],
      vary: PREFLIGHT_VARY,
    });
    expect(cors.getOptions().routes?.map((route) => route.label)).toEqual([
      '@Cors() on AdminController.report, AdminController.replace',
    ]);
  });

  it('keeps them through cors.reconfigure(), which changes the rest at once', async () => {
    cors.reconfigure({ origins: [PARTNER] });
    const status = await app.send(fromOrigin(PARTNER, 'GET', '/status'));
    expect(corsHeadersOf(status)).toEqual({
      'access-control-allow-origin': [PARTNER],
      vary: ['Origin'],
    });
    expect(corsHeadersOf(await app.send(fromOrigin(APP, 'GET', '/status')))).toEqual({
      vary: ['Origin'],
    });
    const admin = await app.send(fromOrigin(ADMIN, 'GET', '/admin/report'));
    expect(corsHeadersOf(admin)).toEqual({
      'access-control-allow-origin': [ADMIN],
      vary: ['Origin'],
    });
  });

  it('does not double them when given its own options back', async () => {
    cors.reconfigure(cors.getOptions());
    expect(cors.getOptions().routes).toHaveLength(1);
    const asked = await app.send(preflight(ADMIN, 'PUT', '/admin/report'));
    expect(asked.status).toBe(204);
  });
});
