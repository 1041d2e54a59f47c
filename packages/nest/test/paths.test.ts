import {
  APP,
  corsHeadersOf,
  EVIL,
  fromOrigin,
  PARTNER,
  PREFLIGHT_VARY,
  preflight,
} from '@corsica/cors-testkit';
import type { Type } from '@nestjs/common';
import { Controller, Get, Module, VersioningType } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cors, CorsConfigError, CorsModule } from '../src/index.ts';
import type { Setup } from './support/platforms.ts';
import { platforms } from './support/platforms.ts';
import type { Served } from './support/requests.ts';
import { serve } from './support/requests.ts';

const globalPolicy = CorsModule.forRoot({ origins: [APP], allowedHeaders: ['Content-Type'] });

@Controller({ path: 'items', version: '1' })
class ItemsController {
  @Get()
  list(): string {
    return 'items';
  }

  @Cors({ origins: [PARTNER] })
  @Get(':id')
  find(): string {
    return 'item';
  }
}

@Controller('health')
class HealthController {
  @Cors({ origins: '*' })
  @Get()
  check(): string {
    return 'ok';
  }
}

@Cors({ origins: [PARTNER] })
@Controller({ path: 'reports', version: '1' })
class ReportsController {
  @Get(':year/:month')
  month(): string {
    return 'report';
  }
}

@Module({ controllers: [ReportsController] })
class BillingModule {}

@Module({
  imports: [
    globalPolicy,
    BillingModule,
    RouterModule.register([{ path: 'billing', module: BillingModule }]),
  ],
  controllers: [ItemsController, HealthController],
})
class ShopModule {}

/** As a main.ts sets them up, before app.init(). */
const prefixAndVersions: Setup = (app) => {
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.enableVersioning({ type: VersioningType.URI });
};

const allowedPartner = {
  'access-control-allow-origin': [PARTNER],
  vary: ['Origin'],
};

describe.each(platforms)('paths on $name', (platform) => {
  let app: Served;
  beforeAll(async () => {
    app = await serve(platform, ShopModule, { setup: prefixAndVersions });
  });
  afterAll(() => app.close());

  it('finds a decorated handler under the global prefix and its URI version', async () => {
    const response = await app.send(fromOrigin(PARTNER, 'GET', '/api/v1/items/42'));
    expect(response.status).toBe(200);
    expect(response.body).toBe('item');
    expect(corsHeadersOf(response)).toEqual(allowedPartner);
  });

  it('answers its preflights, a path parameter standing for any segment', async () => {
    const response = await app.send(
      preflight(PARTNER, 'GET', '/api/v1/items/abc', {
        'Access-Control-Request-Headers': 'content-type',
      }),
    );
    expect(response.status).toBe(204);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [PARTNER],
      'access-control-allow-headers': ['content-type'],
      vary: PREFLIGHT_VARY,
    });
  });

  it('leaves the neighbouring routes to the global policy', async () => {
    const list = await app.send(fromOrigin(PARTNER, 'GET', '/api/v1/items'));
    expect(list.status).toBe(200);
    expect(corsHeadersOf(list)).toEqual({ vary: ['Origin'] });
    const deeper = await app.send(fromOrigin(PARTNER, 'GET', '/api/v1/items/42/photos'));
    expect(deeper.status).toBe(404);
    expect(corsHeadersOf(deeper)).toEqual({ vary: ['Origin'] });
  });

  it('follows the global prefix exclude list', async () => {
    const response = await app.send(fromOrigin(EVIL, 'GET', '/health'));
    expect(response.status).toBe(200);
    expect(corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': ['*'] });
    const prefixed = await app.send(fromOrigin(EVIL, 'GET', '/api/health'));
    expect(prefixed.status).toBe(404);
    expect(corsHeadersOf(prefixed)).toEqual({ vary: ['Origin'] });
  });

  it('follows RouterModule paths, with several parameters', async () => {
    const response = await app.send(fromOrigin(PARTNER, 'GET', '/api/v1/billing/reports/2025/03'));
    expect(response.status).toBe(200);
    expect(corsHeadersOf(response)).toEqual(allowedPartner);
  });

  it('gives an unversioned spelling of a versioned path the global policy', async () => {
    const response = await app.send(fromOrigin(APP, 'GET', '/api/items/42'));
    expect(response.status).toBe(404);
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': [APP],
      vary: ['Origin'],
    });
  });
});

/** Starts `root` on express and returns what app.init() threw. */
async function bootstrapError(root: Type, setup?: Setup): Promise<unknown> {
  const [platform] = platforms;
  return platform?.start(root, setup === undefined ? {} : { setup }).then(
    (server) => server.close().then(() => 'started'),
    (error: unknown) => error,
  );
}

describe('route paths Corsica cannot express', () => {
  it('fail at bootstrap, naming the handler and the path', async () => {
    @Controller('files')
    class FilesController {
      @Cors({ origins: '*' })
      @Get(':name.pdf')
      pdf(): string {
        return 'pdf';
      }
    }
    @Module({ imports: [globalPolicy], controllers: [FilesController] })
    class FilesModule {}

    const error = await bootstrapError(FilesModule);
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems).toEqual([
      {
        code: 'route-path-invalid',
        option: '@Cors() on FilesController.pdf',
        value: '/files/:name.pdf',
        message:
          'Nest serves FilesController.pdf at "/files/:name.pdf", which has a parameter or wildcard sharing its segment with text (":name.pdf"); per-path policies match a parameter as a whole segment: give it a segment of its own. Change the route path, or move the handler to a path the decorator can cover.',
      },
    ]);
  });

  it('are left alone on handlers without @Cors(), which the global policy covers', async () => {
    @Controller('files')
    class FilesController {
      @Get(':name.pdf')
      pdf(): string {
        return 'pdf';
      }

      @Cors({ origins: '*' })
      @Get('index')
      index(): string {
        return 'index';
      }
    }
    @Module({ imports: [globalPolicy], controllers: [FilesController] })
    class FilesModule {}

    expect(await bootstrapError(FilesModule)).toBe('started');
  });
});

describe('versions a path cannot tell apart', () => {
  @Controller({ path: 'orders', version: '1' })
  class OrdersV1Controller {
    @Cors({ origins: [PARTNER] })
    @Get()
    list(): string {
      return 'v1';
    }
  }

  @Controller({ path: 'orders', version: '2' })
  class OrdersV2Controller {
    @Get()
    list(): string {
      return 'v2';
    }
  }

  @Module({ imports: [globalPolicy], controllers: [OrdersV1Controller, OrdersV2Controller] })
  class OrdersModule {}

  it('fail at bootstrap under header versioning when their policies differ', async () => {
    const error = await bootstrapError(OrdersModule, (app) =>
      app.enableVersioning({ type: VersioningType.HEADER, header: 'X-Api-Version' }),
    );
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems).toEqual([
      {
        code: 'route-duplicate',
        option: '@Cors() on OrdersV1Controller.list',
        value: '/orders',
        message:
          'OrdersV1Controller.list and OrdersV2Controller.list both serve GET at "/orders" (versions or hosts a path cannot tell apart) with different CORS policies: the CORS layer runs before Nest picks one, and a preflight never says which version it precedes. Give both the same @Cors() (one shared options object), or neither.',
      },
    ]);
  });

  it('are told apart under URI versioning', async () => {
    const started = await bootstrapError(OrdersModule, (app) =>
      app.enableVersioning({ type: VersioningType.URI }),
    );
    expect(started).toBe('started');
  });
});
