import {
  ADMIN,
  APP,
  corsHeadersOf,
  EVIL,
  fromOrigin,
  PARTNER,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import { Controller, Delete, Get, Module, Post, Put } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cors, CorsModule } from '../src/index.ts';
import { platforms } from './support/platforms.ts';
import type { Served } from './support/requests.ts';
import { serve } from './support/requests.ts';

@Controller('users')
class UsersController {
  @Get(':id')
  find(): string {
    return 'user';
  }

  @Cors({ origins: [ADMIN] })
  @Delete(':id')
  remove(): string {
    return 'removed';
  }

  @Cors(false)
  @Post('webhook')
  webhook(): string {
    return 'received';
  }
}

@Cors({ origins: '*', credentials: false })
@Controller('catalog')
class CatalogController {
  @Get('status')
  status(): string {
    return 'up';
  }

  @Cors()
  @Get('basket')
  basket(): string {
    return 'basket';
  }

  @Cors({ origins: [PARTNER] })
  @Put('items/:id')
  update(): string {
    return 'updated';
  }
}

@Module({
  imports: [
    CorsModule.forRoot({
      origins: [APP],
      credentials: true,
      methods: ['PUT', 'DELETE'],
      allowedHeaders: ['Content-Type'],
    }),
  ],
  controllers: [UsersController, CatalogController],
})
class AppModule {}

describe.each(platforms)('@Cors() on $name', (platform) => {
  let app: Served;
  beforeAll(async () => {
    app = await serve(platform, AppModule);
  });
  afterAll(() => app.close());

  describe('on a handler', () => {
    it('leaves undecorated handlers to the global policy', async () => {
      const response = await app.send(fromOrigin(APP, 'GET', '/users/7'));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        vary: ['Origin'],
      });
    });

    it('overrides the global options key by key on actual requests', async () => {
      const response = await app.send(fromOrigin(ADMIN, 'DELETE', '/users/7'));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [ADMIN],
        'access-control-allow-credentials': ['true'],
        vary: ['Origin'],
      });
    });

    it('denies the origins it replaced, while the handler still runs', async () => {
      const response = await app.send(fromOrigin(APP, 'DELETE', '/users/7'));
      expect(response.status).toBe(200);
      expect(response.body).toBe('removed');
      expect(corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
    });

    it('decides the preflights asking for its method', async () => {
      const response = await app.send(
        preflight(ADMIN, 'DELETE', '/users/7', {
          'Access-Control-Request-Headers': 'content-type',
        }),
      );
      expect(response.status).toBe(204);
      expect(response.body).toBe('');
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [ADMIN],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['DELETE'],
        'access-control-allow-headers': ['content-type'],
        vary: PREFLIGHT_VARY,
      });
    });

    it('denies a preflight from an origin the global policy allows', async () => {
      const response = await app.send(preflight(APP, 'DELETE', '/users/7'));
      expect(response.status).toBe(403);
      expect(corsHeadersOf(response)).toEqual({ vary: PREFLIGHT_VARY });
    });

    it('leaves preflights for the other methods of the path to their own handler', async () => {
      const response = await app.send(preflight(APP, 'PUT', '/users/7'));
      expect(response.status).toBe(204);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['PUT'],
        vary: PREFLIGHT_VARY,
      });
    });
  });

  describe('@Cors(false)', () => {
    it('leaves its preflights unanswered by the global policy, to Nest (here, its 404)', async () => {
      const response = await app.send(
        preflight(APP, 'POST', '/users/webhook', {
          'Access-Control-Request-Headers': 'content-type',
        }),
      );
      expect(response.status).toBe(404);
      expect(corsHeadersOf(response)).toEqual({});
    });

    it('sends no CORS header at all on its actual requests', async () => {
      const response = await app.send(fromOrigin(APP, 'POST', '/users/webhook'));
      expect(response.status).toBe(201);
      expect(response.body).toBe('received');
      expect(corsHeadersOf(response)).toEqual({});
    });
  });

  describe('on a controller', () => {
    it('applies to the handlers without a decorator of their own', async () => {
      const response = await app.send(fromOrigin(EVIL, 'GET', '/catalog/status'));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': ['*'] });
    });

    it("yields to a handler's @Cors(), which brings back the global policy", async () => {
      const denied = await app.send(fromOrigin(EVIL, 'GET', '/catalog/basket'));
      expect(corsHeadersOf(denied)).toEqual({ vary: ['Origin'] });
      const allowed = await app.send(fromOrigin(APP, 'GET', '/catalog/basket'));
      expect(corsHeadersOf(allowed)).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        vary: ['Origin'],
      });
    });

    it("yields to a handler's own options, which start from the global policy, not the controller's", async () => {
      const response = await app.send(preflight(PARTNER, 'PUT', '/catalog/items/3'));
      expect(response.status).toBe(204);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [PARTNER],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['PUT'],
        vary: PREFLIGHT_VARY,
      });
    });
  });
});
