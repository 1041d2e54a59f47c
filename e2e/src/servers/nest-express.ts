import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ExpressAdapter } from '@nestjs/platform-express';
import { listenOnLoopback, testAppModule } from './nest-app.ts';
import type { AdapterServer } from './test-app.ts';

/** The Nest test application on @nestjs/platform-express. */
export const nestExpressServer: AdapterServer = {
  name: 'nest on express',
  async start(policy, log) {
    const app = await NestFactory.create<NestExpressApplication>(
      testAppModule(policy, log),
      new ExpressAdapter(),
      // Nest logs every exception it turns into a 500; /throw throws on purpose.
      { logger: false },
    );
    return listenOnLoopback(app, log);
  },
};
