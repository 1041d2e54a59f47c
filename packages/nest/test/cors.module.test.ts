import { APP } from '@corsica/cors-testkit';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { config } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CorsModule } from '../src/index.ts';

@Injectable()
class ReportJob {
  run(): string {
    return 'done';
  }
}

/** An app module that a CLI or a worker also starts as an application context, without HTTP. */
@Module({ imports: [CorsModule.forRoot({ origins: [APP] })], providers: [ReportJob] })
class AppModule {}

describe('CorsModule in an application context (NestFactory.createApplicationContext)', () => {
  afterEach(() => {
    config.onUnhandledError = null;
  });

  it('lets the context start, run and close: there is no HTTP to answer', async () => {
    // What CorsModule's subscriber to HttpAdapterHost.init$ would throw: rxjs reports it on its
    // own (by default an uncaught exception, which ends the process).
    const thrown: unknown[] = [];
    config.onUnhandledError = (error) => thrown.push(error);
    const context = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      expect(context.get(ReportJob).run()).toBe('done');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(thrown).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says it needs an HTTP app if configured there', async () => {
    const context = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      await expect(context.get(CorsModule).configure()).rejects.toThrow(
        new Error('CorsModule needs an HTTP app (NestFactory.create).'),
      );
    } finally {
      await context.close();
    }
  });
});
