import {
  APP,
  corsHeadersOf,
  fromOrigin,
  PARTNER,
  PREFLIGHT_VARY,
  preflight,
  send,
  started,
} from '@corsica/cors-testkit';
import type { INestApplication } from '@nestjs/common';
import { Controller, Get, Module } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cors, CorsModule } from '../src/index.ts';

@Controller('reports')
class ReportsController {
  @Cors({ origins: [PARTNER] })
  @Get(':id')
  find(): string {
    return 'report';
  }
}

@Module({
  imports: [CorsModule.forRoot({ origins: [APP], allowedHeaders: ['Content-Type'] })],
  controllers: [ReportsController],
})
class AppModule {}

/**
 * Test.createTestingModule() builds the module graph before the HTTP adapter exists: the CORS
 * layer is prepared when createNestApplication() hands the adapter over.
 */
describe.each([
  ['express', () => new ExpressAdapter()],
  ['fastify', () => new FastifyAdapter()],
])('an app from Test.createTestingModule() on %s', (_name, createAdapter) => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication(createAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    ({ url } = await started(app.getHttpServer()));
  });
  afterAll(() => app.close());

  it('answers preflights with the handler’s @Cors()', async () => {
    const response = await send(
      url,
      preflight(PARTNER, 'GET', '/reports/7', { 'Access-Control-Request-Headers': 'content-type' }),
    );
    expect(response.status).toBe(204);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-headers': ['content-type'],
      vary: PREFLIGHT_VARY,
    });
  });

  it('applies the global policy elsewhere', async () => {
    const response = await send(url, fromOrigin(APP, 'GET', '/missing'));
    expect(response.status).toBe(404);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
  });
});
