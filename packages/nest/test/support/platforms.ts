import type { TestServer } from '@corsica/cors-testkit';
import { listen, started } from '@corsica/cors-testkit';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/** What a test may do to the app between `NestFactory.create` and `app.init()`. */
export type Setup = (app: INestApplication) => void;

export interface StartOptions {
  /** Node's `maxHeaderSize`; undefined leaves Node's default. */
  readonly maxHeaderSize?: number | undefined;
  /**
   * Take any body unparsed. The kit sends `Content-Type` on bodiless requests, which fastify's
   * parsers refuse before any handler runs (express's accept an empty body).
   */
  readonly anyBody?: boolean;
  readonly setup?: Setup;
}

/** Starts a root module on one platform, on 127.0.0.1 at an ephemeral port. */
export interface Platform {
  readonly name: 'express' | 'fastify';
  start(root: Type, options?: StartOptions): Promise<TestServer>;
}

const quiet = { logger: false, abortOnError: false } as const;

/**
 * Express: Nest's express instance, served by a Node server created with the header limit after
 * `app.init()` (the server Nest creates takes no `maxHeaderSize`).
 */
export const express: Platform = {
  name: 'express',
  async start(root, { maxHeaderSize, setup } = {}) {
    const app = await NestFactory.create<NestExpressApplication>(root, new ExpressAdapter(), quiet);
    setup?.(app);
    await initOrClose(app);
    const server = await listen(app.getHttpAdapter().getInstance(), maxHeaderSize);
    return {
      url: server.url,
      close: async () => {
        await server.close();
        await app.close();
      },
    };
  },
};

/** Fastify: the header limit goes to the Node server fastify creates (its `http` option). */
export const fastify: Platform = {
  name: 'fastify',
  async start(root, { maxHeaderSize, anyBody = false, setup } = {}) {
    const adapter = new FastifyAdapter(
      maxHeaderSize === undefined ? {} : { http: { maxHeaderSize } },
    );
    const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
      ...quiet,
      bodyParser: !anyBody,
    });
    if (anyBody) {
      const instance = app.getHttpAdapter().getInstance();
      instance.removeAllContentTypeParsers();
      instance.addContentTypeParser('*', (_request, _payload, done) => done(null));
    }
    setup?.(app);
    await initOrClose(app);
    await app.listen(0, '127.0.0.1');
    const { url } = await started(app.getHttpServer());
    return { url, close: () => app.close() };
  },
};

export const platforms: readonly Platform[] = [express, fastify];

/** `app.init()`, closing the app when it fails (a CorsConfigError), so nothing is left open. */
async function initOrClose(app: INestApplication): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    await app.close();
    throw error;
  }
}
