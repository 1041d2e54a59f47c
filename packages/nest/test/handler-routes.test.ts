import { PARTNER } from '@corsica/cors-testkit';
import type { INestApplication } from '@nestjs/common';
import { All, Controller, Get, Module, Post, Version, VersioningType } from '@nestjs/common';
import { ApplicationConfig, ModulesContainer, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { afterEach, describe, expect, it } from 'vitest';
import { handlerRoutes } from '../src/handler-routes.ts';
import type { CorsRouteOptions } from '../src/index.ts';
import { Cors } from '../src/index.ts';

const partnerOnly: CorsRouteOptions = { origins: [PARTNER] };

@Controller({ path: 'items', version: '1' })
class ItemsController {
  @Get()
  list(): string {
    return 'items';
  }

  @Version('2')
  @Get(':id')
  find(): string {
    return 'item';
  }

  @Cors(partnerOnly)
  @All('bulk')
  bulk(): string {
    return 'bulk';
  }

  /** A method without a route decorator: Nest serves nothing for it. */
  format(): string {
    return 'not a route';
  }
}

@Cors(false)
@Controller('hooks')
class HooksController {
  @Post('github')
  github(): string {
    return 'received';
  }
}

@Module({ controllers: [ItemsController, HooksController] })
class AppModule {}

/** Every handler route of `AppModule`, as CorsModule reads them when app.init() configures it. */
describe('the handler routes of an app', () => {
  let app: INestApplication | undefined;
  afterEach(() => app?.close());

  async function routesOf(setup: (app: INestApplication) => void): Promise<unknown> {
    app = await NestFactory.create(AppModule, new ExpressAdapter(), { logger: false });
    setup(app);
    return handlerRoutes(app.get(ApplicationConfig), app.get(ModulesContainer));
  }

  it('are the paths Nest serves each route handler at, with its method and @Cors() setting', async () => {
    const routes = await routesOf((app) => {
      app.setGlobalPrefix('api');
      app.enableVersioning({ type: VersioningType.URI });
    });
    expect(routes).toEqual([
      { handler: 'ItemsController.list', method: 'GET', path: '/api/v1/items', setting: undefined },
      {
        handler: 'ItemsController.find',
        method: 'GET',
        path: '/api/v2/items/:id',
        setting: undefined,
      },
      {
        handler: 'ItemsController.bulk',
        method: undefined,
        path: '/api/v1/items/bulk',
        setting: partnerOnly,
      },
      {
        handler: 'HooksController.github',
        method: 'POST',
        path: '/api/hooks/github',
        setting: false,
      },
    ]);
  });

  it('leave versions out of the path when versioning is off', async () => {
    const routes = await routesOf(() => {});
    expect(routes).toEqual([
      { handler: 'ItemsController.list', method: 'GET', path: '/items', setting: undefined },
      { handler: 'ItemsController.find', method: 'GET', path: '/items/:id', setting: undefined },
      {
        handler: 'ItemsController.bulk',
        method: undefined,
        path: '/items/bulk',
        setting: partnerOnly,
      },
      { handler: 'HooksController.github', method: 'POST', path: '/hooks/github', setting: false },
    ]);
  });
});
