import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { listenOnLoopback, testAppModule } from './nest-app.ts';
import type { AdapterServer } from './test-app.ts';

/** The Nest test application on @nestjs/platform-fastify. */
export const nestFastifyServer: AdapterServer = {
  name: 'nest on fastify',
  async start(policy, log) {
    const platform = new FastifyAdapter();
    // fastify answers 415 to bodies it has no parser for (multipart here): accept them all, as
    // the other adapters' apps do.
    platform
      .getInstance()
      .addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const app = await NestFactory.create<NestFastifyApplication>(
      testAppModule(policy, log),
      platform,
      // Nest logs every exception it turns into a 500; /throw throws on purpose.
      { logger: false },
    );
    return listenOnLoopback(app, log);
  },
};
