import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

/** `PLATFORM=fastify` runs the same app on @nestjs/platform-fastify; express by default. */
async function createAdapter(platform: string): Promise<AbstractHttpAdapter> {
  if (platform === 'express')
    return new (await import('@nestjs/platform-express')).ExpressAdapter();
  if (platform === 'fastify')
    return new (await import('@nestjs/platform-fastify')).FastifyAdapter();
  throw new Error(`PLATFORM must be express or fastify, not ${platform}`);
}

const adapter = await createAdapter(process.env.PLATFORM ?? 'express');
const app = await NestFactory.create(AppModule, adapter, { logger: ['error', 'warn'] });
app.setGlobalPrefix('api');

const port = Number(process.env.PORT ?? 3006);
const host = process.env.HOST ?? '127.0.0.1';
await app.listen(port, host);
const { port: listening } = app.getHttpServer().address() as AddressInfo;
console.log(`listening on http://${host}:${listening}`);
