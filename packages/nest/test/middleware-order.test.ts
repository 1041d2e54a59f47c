import { APP, corsHeadersOf, fromOrigin, PREFLIGHT_VARY, preflight } from '@corsica/cors-testkit';
import type { MiddlewareConsumer, NestMiddleware, NestModule } from '@nestjs/common';
import { Controller, Injectable, Module, Put, UnauthorizedException } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorsModule } from '../src/index.ts';
import { express, fastify } from './support/platforms.ts';
import type { Served } from './support/requests.ts';
import { serve } from './support/requests.ts';

@Injectable()
class SignedInOnly implements NestMiddleware {
  use(): void {
    throw new UnauthorizedException();
  }
}

@Controller('notes')
class NotesController {
  @Put(':id')
  save(): string {
    return 'saved';
  }
}

@Module({
  imports: [CorsModule.forRoot({ origins: [APP], methods: ['PUT'] })],
  controllers: [NotesController],
})
class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SignedInOnly).forRoutes('*');
  }
}

const allowedPreflight = {
  'access-control-allow-origin': [APP],
  'access-control-allow-methods': ['PUT'],
  vary: PREFLIGHT_VARY,
};

describe('Nest middleware that refuses every request', () => {
  describe('on express, runs after CORS', () => {
    let app: Served;
    beforeAll(async () => {
      app = await serve(express, AppModule);
    });
    afterAll(() => app.close());

    it('never sees preflights', async () => {
      const response = await app.send(preflight(APP, 'PUT', '/notes/1'));
      expect(response.status).toBe(204);
      expect(corsHeadersOf(response)).toEqual(allowedPreflight);
    });

    it('refuses actual requests with the CORS headers', async () => {
      const response = await app.send(fromOrigin(APP, 'PUT', '/notes/1'));
      expect(response.status).toBe(401);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        vary: ['Origin'],
      });
    });
  });

  describe('on fastify, runs before CORS (Nest registers middie before any module can add a hook)', () => {
    let app: Served;
    beforeAll(async () => {
      app = await serve(fastify, AppModule);
    });
    afterAll(() => app.close());

    it('refuses preflights, without CORS headers', async () => {
      const response = await app.send(preflight(APP, 'PUT', '/notes/1'));
      expect(response.status).toBe(401);
      expect(corsHeadersOf(response)).toEqual({});
    });
  });
});
