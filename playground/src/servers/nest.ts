import 'reflect-metadata';
import { IncomingMessage } from 'node:http';
import type { Cors } from '@corsica/cors-core';
import { CorsModule } from '@corsica/cors-nest';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { All, Controller, Module, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { ExchangeLog } from '../exchanges.ts';
import type { AdapterId } from '../page/types.ts';
import type { ApiServer, RunningApi } from './api.ts';
import { apiAnswer, portOf } from './api.ts';

/** Both platforms' replies set a header with `header(name, value)`. */
interface PlatformReply {
  header(name: string, value: string): unknown;
}

/** Express's `req` is node's request; fastify's keeps it as `raw`. */
function incomingOf(context: unknown): IncomingMessage | undefined {
  if (context instanceof IncomingMessage) return context;
  const raw = (context as { raw?: unknown } | undefined)?.raw;
  return raw instanceof IncomingMessage ? raw : undefined;
}

/**
 * The root module: `CorsModule.forRoot(policy)`, as the adapter's README says, and one controller.
 * Declared per server, so each holds its own policy and log without dependency injection (tsx
 * compiles with esbuild, which emits no `design:paramtypes` for Nest to read).
 */
function apiModule(adapter: AdapterId, policy: Cors, log: ExchangeLog): DynamicModule {
  @Controller()
  class ApiController {
    @All(':adapter/:revision/:preset')
    answer(@Req() request: unknown, @Res({ passthrough: true }) reply: PlatformReply): string {
      const incoming = incomingOf(request);
      if (incoming === undefined) throw new Error('no node request');
      log.reachedHandler(incoming);
      const answer = apiAnswer(adapter, policy, incoming);
      for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
      return answer.body;
    }
  }
  @Module({})
  class ApiModule {}
  return { module: ApiModule, imports: [CorsModule.forRoot(policy)], controllers: [ApiController] };
}

async function listen(app: INestApplication, port: number): Promise<RunningApi> {
  await app.listen(port, '127.0.0.1');
  const server = app.getHttpServer() as import('node:http').Server;
  return {
    port: portOf(server.address()),
    close: async () => {
      server.closeAllConnections();
      await app.close();
    },
  };
}

/** Nest's own startup lines are noise here; its errors and warnings are not. */
const NEST_LOGGER = ['error', 'warn'] as const;

/** Nest on @nestjs/platform-express. */
export const nestExpressServer: ApiServer = {
  info: { id: 'nest-express', name: 'Nest on Express', packageName: '@corsica/cors-nest' },
  incomingOf,
  async start({ policy, port, log }) {
    const app = await NestFactory.create(
      apiModule('nest-express', policy, log),
      new ExpressAdapter(),
      {
        logger: [...NEST_LOGGER],
      },
    );
    log.watch(app.getHttpServer(), 'nest-express');
    return listen(app, port);
  },
};

/** Nest on @nestjs/platform-fastify. */
export const nestFastifyServer: ApiServer = {
  info: { id: 'nest-fastify', name: 'Nest on fastify', packageName: '@corsica/cors-nest' },
  incomingOf,
  async start({ policy, port, log }) {
    const platform = new FastifyAdapter();
    // fastify answers 415 to bodies it has no parser for: accept them all, as the other servers do.
    platform
      .getInstance()
      .addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const app = await NestFactory.create(apiModule('nest-fastify', policy, log), platform, {
      logger: [...NEST_LOGGER],
    });
    log.watch(app.getHttpServer(), 'nest-fastify');
    return listen(app, port);
  },
};
