import 'reflect-metadata';
import { createServer } from 'node:http';
import { CorsModule } from '@corsica/cors-nest';
import type { DynamicModule } from '@nestjs/common';
import { All, Controller, HttpCode, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import express from 'express';
import type { PolicyId } from '../policies.ts';
import { policies } from '../policies.ts';
import type { AdapterServer } from './types.ts';
import { closeServer, listenOnLoopback, OK_BODY, running, serverOptions } from './types.ts';

/**
 * One controller answering every method under `/api`. `api/*` ends in the bare `*` both platforms
 * take (on express Nest rewrites it to path-to-regexp's `{*path}`). `@HttpCode(200)`: Nest
 * answers POST with 201 otherwise.
 */
@Controller()
class ApiController {
  @All(['api', 'api/*'])
  @HttpCode(200)
  api(): string {
    return OK_BODY;
  }
}

@Module({})
class AppModule {}

/** The root module: `CorsModule.forRoot(policy)` as the README says, and the controller. */
function appModule(policy: PolicyId, cors: boolean): DynamicModule {
  return {
    module: AppModule,
    imports: cors ? [CorsModule.forRoot(policies[policy].options)] : [],
    controllers: [ApiController],
  };
}

/**
 * Nest on @nestjs/platform-express. Nest's express adapter creates its `http.Server` without
 * options, so the server is Nest's documented alternative: `app.init()`, then the express
 * instance served by an `http.createServer` that takes `maxHeaderSize`.
 */
export const nestExpressServer: AdapterServer = {
  id: 'nest-express',
  name: 'nest on express',
  async start({ policy, maxHeaderSize, cors = true }) {
    const instance = express();
    const app = await NestFactory.create<NestExpressApplication>(
      appModule(policy, cors),
      new ExpressAdapter(instance),
      { logger: false },
    );
    await app.init();
    const server = await listenOnLoopback(createServer(serverOptions(maxHeaderSize), instance));
    return {
      ...server,
      close: async () => {
        await server.close();
        await app.close();
      },
    };
  },
};

/** Nest on @nestjs/platform-fastify; fastify's `http` option carries `maxHeaderSize`. */
export const nestFastifyServer: AdapterServer = {
  id: 'nest-fastify',
  name: 'nest on fastify',
  async start({ policy, maxHeaderSize, cors = true }) {
    const platform = new FastifyAdapter({ http: serverOptions(maxHeaderSize) });
    platform
      .getInstance()
      .addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const app = await NestFactory.create<NestFastifyApplication>(
      appModule(policy, cors),
      platform,
      {
        logger: false,
      },
    );
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer();
    return running(server, async () => {
      await closeServer(server);
      await app.close();
    });
  },
};
